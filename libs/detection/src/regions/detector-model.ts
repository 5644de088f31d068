import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { layerSeed } from '@googlenet/model';
import { writeJsonAtomic } from '@googlenet/util';

/** Layer names of the classification network (see @googlenet/model plan.ts) that the heads hang off. */
const HEAD_INPUTS = [
  { head: 'main', input: 'dropout', replaced: 'main_logits' },
  { head: 'aux1', input: 'aux1_dropout', replaced: 'aux1_logits' },
  { head: 'aux2', input: 'aux2_dropout', replaced: 'aux2_logits' },
] as const;

/** `detector.json` beside a saved detector model: what its outputs mean and how inputs were made. */
export interface DetectorMeta {
  version: 1;
  /** Detection classes (WordNet ids); output k + 1 is classes[k], output 0 is background. */
  classes: string[];
  inputSizePx: number;
  contextPx: number;
  /** The classification checkpoint it was fine-tuned from. */
  initFrom: string;
}

export const DETECTOR_META_JSON = 'detector.json';

/**
 * The region classifier: the classification network's trunk with each classifier head replaced by
 * a fresh dense layer over numClasses + 1 outputs (background first), named `<head>_det_logits`
 * so the trainer still recognises the main output by its `main` prefix. The new layers start from
 * N(0, 0.01²) weights and zero biases, as R-CNN initialises its replaced fc8. Auxiliary heads of
 * the checkpoint are replaced too when `auxHeads` is set, dropped otherwise.
 *
 * Consumes `classifier`: its trunk layers now belong to the detector and the layers left out are
 * disposed, so dispose only the detector afterwards.
 */
export function buildDetectorModel(classifier: tf.LayersModel, numDetClasses: number, opts: { auxHeads: boolean; seed: number }): tf.LayersModel {
  const names = new Set(classifier.layers.map((l) => l.name));
  if (!names.has('dropout') || !names.has('main_logits')) {
    throw new Error(`buildDetectorModel: the checkpoint has no 'dropout' → 'main_logits' head (layers: ${[...names].slice(-5).join(', ')}, …)`);
  }
  const outputs: tf.SymbolicTensor[] = [];
  HEAD_INPUTS.forEach(({ head, input }) => {
    if (head !== 'main' && (!opts.auxHeads || !names.has(input))) return;
    const features = classifier.getLayer(input).output as tf.SymbolicTensor;
    const dense = tf.layers.dense({
      name: `${head}_det_logits`,
      units: numDetClasses + 1,
      // layerSeed, not opts.seed + i: tfjs treats a seed of 0 as none and draws from Math.random.
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.01, seed: layerSeed(opts.seed, `${head}_det_logits`) }),
      biasInitializer: 'zeros',
    });
    outputs.push(dense.apply(features) as tf.SymbolicTensor);
  });
  const detector = tf.model({ name: 'googlenet_detector', inputs: classifier.inputs, outputs: outputs.length === 1 ? outputs[0] : outputs });
  // The detector takes over the trunk; the replaced (and any dropped) heads would leak their weights.
  const used = new Set(detector.layers);
  for (const layer of classifier.layers) if (!used.has(layer)) layer.dispose();
  return detector;
}

/** The main (`main_det_logits`) output alone, for inference. */
export function detectorInferenceModel(detector: tf.LayersModel): tf.LayersModel {
  if (detector.outputs.length === 1) return detector;
  return tf.model({ name: 'googlenet_detector_inference', inputs: detector.inputs, outputs: detector.getLayer('main_det_logits').output as tf.SymbolicTensor });
}

export async function writeDetectorMeta(dir: string, meta: DetectorMeta): Promise<void> {
  await writeJsonAtomic(join(dir, DETECTOR_META_JSON), meta);
}

export async function readDetectorMeta(dir: string): Promise<DetectorMeta> {
  const path = join(dir, DETECTOR_META_JSON);
  let meta: DetectorMeta;
  try {
    meta = JSON.parse(await readFile(path, 'utf8')) as DetectorMeta;
  } catch (err) {
    throw new Error(`${path}: cannot read detector metadata (${err instanceof Error ? err.message : String(err)}); was this directory written by 'googlenet detect finetune'?`);
  }
  if (meta.version !== 1 || !Array.isArray(meta.classes) || !(meta.inputSizePx > 0)) throw new Error(`${path}: not a version-1 detector description`);
  return meta;
}
