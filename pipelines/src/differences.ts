import type { ExperimentConfig } from '../configs/types.js';

/** What differs from the paper's setup, in plain sentences, for the report. */
export function differencesFromPaper(config: ExperimentConfig, cpuCount: number): string[] {
  const out: string[] = [];
  const s = config.data.source;
  if (s.kind === 'synth') {
    out.push(
      `Data: ${s.classes} generated classes, ${s.classes * s.trainImagesPerClass} training and ${s.classes * s.valImagesPerClass} validation images ` +
        `with sides of ${s.minSidePx}–${s.maxSidePx} px, instead of ILSVRC 2012's 1000 classes, 1,281,167 training and 50,000 validation photographs. ` +
        'Our errors say whether the chain works, not how GoogLeNet does on ImageNet.',
    );
  } else {
    out.push('Data: the paper\'s (ILSVRC 2012 classification from $ILSVRC_ROOT); the paper reports Table 3 on the same validation set.');
  }
  const t = config.train;
  // Fields a member's recipe leaves out take the training library's PAPER_RECIPE values (224 px, width 1, 60 epochs).
  const inputPx = [...new Set(t.members.map((m) => m.recipe.inputSizePx ?? 224))].join('/');
  const widths = [...new Set(t.members.map((m) => m.recipe.width ?? 1))].join(', ');
  const epochs = [...new Set(t.members.map((m) => m.recipe.maxSteps !== undefined ? `${m.recipe.maxSteps} steps` : `${m.recipe.epochs ?? 60} epochs`))].join('/');
  // A wider member is the paper's own ensemble choice; narrower ones are ours.
  if (inputPx !== '224' || t.members.some((m) => (m.recipe.width ?? 1) < 1)) {
    out.push(
      `Scale: ${inputPx} px input instead of 224, channel width ×${widths} of Table 1's ` +
        `(the layer structure is the paper's; Table 1 below is the full-size network).`,
    );
  }
  const dropped = [
    t.members.some((m) => m.recipe.auxHeads === false) ? 'the auxiliary classifiers' : '',
    t.members.some((m) => m.recipe.lrn === false) ? 'local response normalisation' : '',
  ].filter(Boolean);
  if (dropped.length > 0) out.push(`Network: without ${dropped.join(' and ')}, which the paper has (our small, short runs learn faster without them).`);
  out.push(
    `Ensemble: ${t.members.length} member${t.members.length === 1 ? '' : 's'} (${t.members.map((m) => m.name).join(', ')}) instead of 7, ` +
      `${epochs} each; synchronous SGD on one machine instead of the paper's asynchronous SGD on DistBelief.`,
  );
  out.push(
    t.backend.startsWith('tensorflow')
      ? 'Hardware: TensorFlow.js on libtensorflow (GPU where available) instead of Google\'s DistBelief CPU cluster.'
      : `Hardware: TensorFlow.js on ${cpuCount} CPU core${cpuCount === 1 ? '' : 's'} (backend '${t.backend}') instead of Google's DistBelief cluster.`,
  );
  const crops = config.evaluate.crops;
  if (crops.length < 3) out.push(`Evaluation: crop schemes ${crops.join(', ')} only (the paper also reports ${[1, 10, 144].filter((c) => !crops.includes(c as 1 | 10 | 144)).join(', ')}).`);
  const d = config.detect;
  out.push(
    d.enabled
      ? `Detection: a single region classifier fine-tuned from member ${t.members[0]?.name ?? '?'}, ${d.proposalsPerImage} selective-search proposals per image, ` +
          'no MultiBox proposals and no 6-network ensemble' +
          (s.kind === 'synth' ? `, on generated images with ${s.classes} classes instead of ILSVRC 2014's 200.` : '.')
      : 'Detection: not run in this configuration.',
  );
  return out;
}
