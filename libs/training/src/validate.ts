import * as tf from '@tensorflow/tfjs';
import { loadCenterCrops } from './loader.js';
import type { ImageSource } from './source.js';

export interface ValidationResult {
  images: number;
  top1Error: number;
  top5Error: number;
}

/** Fraction of rows whose label is among the k largest logits (ties count against: a strict rank). */
export function topKCorrect(logits: Float32Array, numClasses: number, labels: Int32Array, k: number): number {
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    const row = logits.subarray(r * numClasses, (r + 1) * numClasses);
    const target = row[labels[r]!]!;
    let higher = 0;
    for (let c = 0; c < numClasses; c++) if (row[c]! > target || (row[c] === target && c < labels[r]!)) higher++;
    if (higher < k) correct++;
  }
  return correct;
}

/** Index of the main classifier among a model's outputs (named main*, else the first). */
export function mainOutputIndex(model: tf.LayersModel): number {
  return Math.max(0, model.outputNames.findIndex((n) => n.startsWith('main')));
}

/** Single centre-crop top-1/top-5 error of the model's main head over the whole source. */
export async function validate(model: tf.LayersModel, source: ImageSource, inputSizePx: number, meanRgb: readonly number[], batchSize: number): Promise<ValidationResult> {
  const mainIdx = mainOutputIndex(model);
  let top1 = 0;
  let top5 = 0;
  for (let start = 0; start < source.numRows; start += batchSize) {
    const count = Math.min(batchSize, source.numRows - start);
    const { pixels, labels } = await loadCenterCrops(source, start, count, inputSizePx, meanRgb);
    const logits = tf.tidy(() => {
      const out = model.predict(tf.tensor4d(pixels, [count, inputSizePx, inputSizePx, 3])) as tf.Tensor | tf.Tensor[];
      return (Array.isArray(out) ? out[mainIdx]! : out).clone();
    });
    const numClasses = logits.shape[1]!;
    const values = (await logits.data()) as Float32Array;
    logits.dispose();
    top1 += topKCorrect(values, numClasses, labels, 1);
    top5 += topKCorrect(values, numClasses, labels, 5);
  }
  const n = source.numRows;
  return { images: n, top1Error: n ? 1 - top1 / n : NaN, top5Error: n ? 1 - top5 / n : NaN };
}
