import * as tf from '@tensorflow/tfjs';
import { PIXEL_MEAN_RGB } from '@googlenet/model';
import { createTrainer, type TrainerConfig } from '@googlenet/training';
import { Progress, Rng, type JsonlLog } from '@googlenet/util';
import type { Rect } from '../boxes.js';
import { buildDetectorModel, type DetectorMeta } from '../regions/detector-model.js';
import { DEFAULT_REGION_LABELS, labelRegions, type LabelledRegion, type RegionLabelOptions } from '../regions/region-labels.js';
import { defaultContextPx, warpRegion } from '../regions/warp.js';
import { decodeDetectionImage, toDecoded, type DecodedImage, type DetectionImage } from './source.js';

export interface FineTuneOptions {
  /** Detection classes (WordNet ids); the network gets classes.length + 1 outputs, background first. */
  classes: string[];
  steps: number;
  /** Regions per step (R-CNN: 128). */
  batchSize: number;
  /** Share of foreground regions in a batch (R-CNN: 0.25). */
  foregroundFraction: number;
  /** Images whose regions make up one batch (drawn in a shuffled order, epoch after epoch). */
  imagesPerBatch: number;
  baseLr: number;
  momentum: number;
  weightDecay: number;
  /** Replace and train the checkpoint's auxiliary heads too (weighted 0.3 as in the paper). */
  auxHeads: boolean;
  labels: RegionLabelOptions;
  /** Context in warped pixels; default R-CNN's 16 at 224, scaled to the input size. */
  contextPx?: number;
  seed: number;
  /** Where the classification checkpoint came from (recorded in detector.json). */
  initFrom: string;
  log?: JsonlLog;
  progress?: boolean;
}

/** R-CNN's fine-tuning recipe (Girshick et al. 2014, section 2.3) at our scale. */
export const RCNN_FINETUNE: Omit<FineTuneOptions, 'classes' | 'initFrom'> = {
  steps: 2000,
  batchSize: 32,
  foregroundFraction: 0.25,
  imagesPerBatch: 2,
  baseLr: 0.001,
  momentum: 0.9,
  weightDecay: 5e-4,
  auxHeads: false,
  labels: DEFAULT_REGION_LABELS,
  seed: 0,
};

export interface FineTuneResult {
  model: tf.LayersModel;
  meta: DetectorMeta;
  /** Loss of every step, in order. */
  losses: number[];
}

/** A training image with its labelled regions, in original pixels. */
interface PreparedImage {
  image: DetectionImage;
  foreground: LabelledRegion[];
  background: LabelledRegion[];
}

/**
 * Fine-tunes the classification network into a region classifier on warped proposals of the
 * detection training images, with the training library's momentum SGD (`createTrainer`). Proposals
 * are in original pixels (from `proposeAll` or `proposals.jsonl`); an image is decoded when a batch
 * draws it (memory holds the encoded images only).
 * The classifier's weights are shared with (and changed through) the returned model.
 */
export async function fineTuneDetector(
  classifier: tf.LayersModel,
  images: readonly DetectionImage[],
  proposals: ReadonlyMap<string, readonly Rect[]>,
  opts: FineTuneOptions,
): Promise<FineTuneResult> {
  if (images.length === 0) throw new Error('fineTuneDetector: no training images');
  if (opts.classes.length === 0) throw new Error('fineTuneDetector: no detection classes');
  const inputSizePx = classifier.inputs[0].shape[1];
  if (typeof inputSizePx !== 'number') throw new Error('fineTuneDetector: the checkpoint has no fixed input size');
  const contextPx = opts.contextPx ?? defaultContextPx(inputSizePx);
  const classIndex = new Map(opts.classes.map((w, i) => [w, i]));

  // Regions are labelled up front (cheap); pixels are decoded when an image's turn comes, so memory
  // holds the encoded images only.
  const prepared: PreparedImage[] = images.map((img) => {
    const props = proposals.get(img.key);
    if (!props) throw new Error(`fineTuneDetector: no proposals for image '${img.key}'`);
    return { image: img, ...labelRegions(props, img.boxes, classIndex, opts.labels) };
  });
  const fgTotal = prepared.reduce((s, p) => s + p.foreground.length, 0);
  const bgTotal = prepared.reduce((s, p) => s + p.background.length, 0);
  opts.log?.write('finetune_start', { images: images.length, foreground: fgTotal, background: bgTotal, inputSizePx, contextPx, ...summary(opts) });
  if (fgTotal === 0) throw new Error('fineTuneDetector: no foreground regions (no ground-truth box of the detection classes)');

  const model = buildDetectorModel(classifier, opts.classes.length, { auxHeads: opts.auxHeads, seed: opts.seed });
  const trainerConfig: TrainerConfig = {
    baseLr: opts.baseLr,
    lrSchedule: { kind: 'constant' },
    momentum: opts.momentum,
    weightDecay: opts.weightDecay,
    auxLossWeight: 0.3,
    // Polyak averaging belongs to the paper's classification training; R-CNN fine-tuning uses raw
    // weights, so averaging starts "never" (the average just tracks the weights).
    polyak: { kind: 'mean', startStep: Number.MAX_SAFE_INTEGER },
    accumulateSteps: 1,
    seed: opts.seed,
  };
  const trainer = createTrainer(model, trainerConfig, { stepsPerEpoch: Math.ceil(images.length / opts.imagesPerBatch), totalSteps: opts.steps });
  const rng = new Rng(opts.seed);
  const warp = { inputSizePx, contextPx, meanRgb: PIXEL_MEAN_RGB };
  const pixels = inputSizePx * inputSizePx * 3;
  const buffer = new Float32Array(opts.batchSize * pixels);
  const labels = new Int32Array(opts.batchSize);
  const progress = new Progress({ label: 'finetune', total: opts.steps, unit: 'step', enabled: opts.progress });
  const losses: number[] = [];
  let order: number[] = [];
  try {
    for (let step = 0; step < opts.steps; step++) {
      const chosen: PreparedImage[] = [];
      for (let i = 0; i < Math.min(opts.imagesPerBatch, prepared.length); i++) {
        if (order.length === 0) order = rng.shuffle(prepared.map((_, k) => k));
        chosen.push(prepared[order.pop()!]);
      }
      const batch = sampleBatch(chosen, opts.batchSize, opts.foregroundFraction, rng);
      const decoded = new Map<PreparedImage, DecodedImage>();
      for (const p of chosen) if (!decoded.has(p)) decoded.set(p, await decodeDetectionImage(p.image));
      batch.forEach(({ image, region }, i) => {
        const d = decoded.get(image)!;
        warpRegion(d.rgb, toDecoded(d, region.box), warp, buffer, i * pixels);
        labels[i] = region.label;
      });
      const xs = tf.tensor4d(buffer, [opts.batchSize, inputSizePx, inputSizePx, 3]);
      let loss: number;
      try {
        loss = trainer.trainStep(xs, labels).loss;
      } finally {
        xs.dispose();
      }
      losses.push(loss);
      const fg = batch.filter((b) => b.region.label > 0).length;
      opts.log?.write('finetune_step', { step, loss, foreground: fg, lr: trainer.lr });
      progress.tick(1, `loss ${loss.toFixed(3)}`);
    }
  } finally {
    progress.finish();
    trainer.dispose();
  }
  const meta: DetectorMeta = { version: 1, classes: [...opts.classes], inputSizePx, contextPx, initFrom: opts.initFrom };
  return { model, meta, losses };
}

/**
 * R-CNN's balanced batch: round(batchSize × foregroundFraction) foreground regions, the rest
 * background, drawn uniformly from the chosen images' pools (with replacement when a pool is
 * small; all background when there is no foreground).
 */
export function sampleBatch(
  images: readonly PreparedImage[],
  batchSize: number,
  foregroundFraction: number,
  rng: Rng,
): { image: PreparedImage; region: LabelledRegion }[] {
  const fgPool = images.flatMap((image) => image.foreground.map((region) => ({ image, region })));
  const bgPool = images.flatMap((image) => image.background.map((region) => ({ image, region })));
  let nFg = fgPool.length === 0 ? 0 : Math.round(batchSize * foregroundFraction);
  if (bgPool.length === 0) nFg = batchSize;
  const draw = <T>(pool: T[], n: number): T[] =>
    n <= pool.length ? rng.shuffle([...pool]).slice(0, n) : Array.from({ length: n }, () => pool[rng.int(pool.length)]);
  return [...draw(fgPool, nFg), ...draw(bgPool, batchSize - nFg)];
}

function summary(o: FineTuneOptions): Record<string, unknown> {
  const { log: _log, progress: _progress, ...rest } = o;
  return rest;
}

export type { PreparedImage };
