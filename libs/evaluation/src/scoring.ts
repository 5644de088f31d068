/**
 * Batched multi-crop inference: for every image, the crops of its plan are cut from one resize per
 * scale, packed into batches of `batchSize` crops (across images), run through every member model
 * on the current tfjs backend, turned into softmax probabilities and pooled per image and member.
 * Images are visited in row order 0..limit−1, so the same weights give the same scores every run.
 */
import * as tf from '@tensorflow/tfjs';
import { currentBackend } from '@googlenet/backend';
import { inferenceModel, PIXEL_MEAN_RGB } from '@googlenet/model';
import { type JsonlLog, Progress } from '@googlenet/util';
import { cropPlan, type CropScheme, type ScaleGroup } from './geometry.js';
import { decodeResized } from './decode.js';
import { writeCrop, type RawRgbImage } from './pixels.js';
import { CropPool, type CropPooling } from './pooling.js';

/** What evaluation needs of one stored image (a subset of the data library's ImageRecord). */
export interface EvalImage {
  key?: string;
  label: number;
  /** ORIGINAL image size; the stored JPEG may be smaller. */
  width: number;
  height: number;
  image: Uint8Array;
}

/** What evaluation needs of a dataset (satisfied by the data library's ShardDataset). */
export interface EvalDataset {
  numRows: number;
  classes: readonly (string | { wnid: string })[];
  get(i: number): EvalImage | Promise<EvalImage>;
}

export interface ScoreOptions {
  crops: CropScheme;
  /** Network input side; defaults to the model's input shape. */
  inputSizePx?: number;
  /** RGB mean subtracted from every pixel (default: the model library's PIXEL_MEAN_RGB). */
  meanRgb?: readonly [number, number, number];
  pooling?: CropPooling;
  /** Crops per forward pass (default 32). */
  batchSize?: number;
  /** Evaluate only the first `limit` rows. */
  limit?: number;
  /** Show a progress bar (default: when stderr is a TTY). */
  progress?: boolean;
  log?: JsonlLog;
}

export interface ScoredDataset {
  crops: CropScheme;
  pooling: CropPooling;
  inputSizePx: number;
  images: number;
  numClasses: number;
  wnids: string[];
  labels: Int32Array;
  /** Per member model: pooled scores, images × classes, row-major. */
  members: Float64Array[];
  backend: string;
  wallSeconds: number;
  cropsEvaluated: number;
}

/** The input side a model expects (square NHWC inputs only). */
export function modelInputSizePx(model: tf.LayersModel): number {
  const shape = model.inputs[0]?.shape;
  if (!shape || shape.length !== 4 || shape[1] !== shape[2] || typeof shape[1] !== 'number' || shape[3] !== 3) {
    throw new Error(`model '${model.name}': expected a square NHWC RGB input, got shape ${JSON.stringify(shape)}`);
  }
  return shape[1];
}

/** The model itself when it has one output, else its main head (training models carry aux heads). */
export function mainHead(model: tf.LayersModel): tf.LayersModel {
  return model.outputs.length === 1 ? model : inferenceModel(model);
}

/** Our name of the backend tfjs runs on: the backend library's when it chose it, else tfjs's. */
function backendName(): string {
  const info = currentBackend();
  return info && info.tfBackend === tf.getBackend() ? info.name : tf.getBackend();
}

export async function scoreDataset(givenModels: readonly tf.LayersModel[], dataset: EvalDataset, opts: ScoreOptions): Promise<ScoredDataset> {
  const started = performance.now();
  if (givenModels.length === 0) throw new Error('evaluate: no model given');
  const models = givenModels.map(mainHead);
  const meanRgb = opts.meanRgb ?? PIXEL_MEAN_RGB;
  const inputSizePx = opts.inputSizePx ?? modelInputSizePx(models[0]);
  for (const m of models) {
    if (modelInputSizePx(m) !== inputSizePx) throw new Error(`evaluate: model '${m.name}' takes ${modelInputSizePx(m)} px inputs, evaluation is at ${inputSizePx} px`);
  }
  const numClasses = dataset.classes.length;
  const wnids = dataset.classes.map((c) => (typeof c === 'string' ? c : c.wnid));
  const images = Math.min(dataset.numRows, opts.limit ?? Infinity);
  if (!(images > 0)) throw new Error(`evaluate: nothing to evaluate (dataset has ${dataset.numRows} rows, limit ${opts.limit})`);
  const pooling = opts.pooling ?? 'mean';
  const batchSize = opts.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`evaluate: batchSize must be a positive integer, got ${batchSize}`);
  const cropFloats = inputSizePx * inputSizePx * 3;
  const pools = models.map(() => new CropPool(images, numClasses, pooling));
  const labels = new Int32Array(images);
  const batch = new Float32Array(batchSize * cropFloats);
  const owners = new Int32Array(batchSize);
  let filled = 0;
  let cropsEvaluated = 0;

  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    const x = tf.tensor4d(batch.subarray(0, filled * cropFloats), [filled, inputSizePx, inputSizePx, 3]);
    try {
      for (const [m, model] of models.entries()) {
        const probs = tf.tidy(() => {
          const y = model.predict(x);
          if (Array.isArray(y)) throw new Error(`model '${model.name}' has ${y.length} outputs; evaluate its main head only (inferenceModel)`);
          if (y.shape.length !== 2 || y.shape[1] !== numClasses) {
            throw new Error(`model '${model.name}' outputs shape ${JSON.stringify(y.shape)}, the dataset has ${numClasses} classes`);
          }
          return tf.softmax(y);
        });
        const values = await probs.data();
        probs.dispose();
        for (let k = 0; k < filled; k++) pools[m].add(owners[k], values, k * numClasses);
      }
    } finally {
      x.dispose();
    }
    cropsEvaluated += filled;
    filled = 0;
  };

  const prepare = async (i: number): Promise<{ label: number; scales: { raw: RawRgbImage; plan: ScaleGroup }[] }> => {
    const rec = await dataset.get(i);
    const what = `image ${i}${rec.key ? ` (${rec.key})` : ''}`;
    if (!Number.isInteger(rec.label) || rec.label < 0 || rec.label >= numClasses) throw new Error(`${what}: label ${rec.label} outside 0..${numClasses - 1}`);
    const plan = cropPlan(opts.crops, rec.width, rec.height, inputSizePx);
    const scales = await Promise.all(
      plan.scales.map(async (g) => ({ raw: await decodeResized(rec.image, g.resizedWidthPx, g.resizedHeightPx, what), plan: g })),
    );
    return { label: rec.label, scales };
  };

  const progress = new Progress({ label: `evaluate ${opts.crops}-crop`, total: images, unit: 'img', enabled: opts.progress });
  opts.log?.write('evaluate_start', { crops: opts.crops, pooling, models: models.length, images, inputSizePx, batchSize, backend: backendName() });
  // Decode image i+1 (sharp runs off the main thread) while image i's crops go through the models.
  // (A prefetch that fails is reported when awaited; the no-op catch keeps it from being "unhandled".)
  let next = prepare(0);
  next.catch(() => undefined);
  for (let i = 0; i < images; i++) {
    const current = await next;
    if (i + 1 < images) {
      next = prepare(i + 1);
      next.catch(() => undefined);
    }
    labels[i] = current.label;
    for (const { raw, plan } of current.scales) {
      for (const crop of plan.crops) {
        writeCrop(raw, crop.resizedRect, inputSizePx, crop.mirror, meanRgb, batch, filled * cropFloats);
        owners[filled++] = i;
        if (filled === batchSize) await flush();
      }
    }
    progress.tick(1);
    if (opts.log && (i + 1) % 100 === 0) opts.log.write('evaluate_progress', { images: i + 1, imagesPerSec: progress.rate });
  }
  await flush();
  progress.finish();
  const wallSeconds = (performance.now() - started) / 1000;
  opts.log?.write('evaluate_end', { images, cropsEvaluated, wallSeconds });
  return {
    crops: opts.crops,
    pooling,
    inputSizePx,
    images,
    numClasses,
    wnids,
    labels,
    members: pools.map((p) => p.result()),
    backend: backendName(),
    wallSeconds,
    cropsEvaluated,
  };
}
