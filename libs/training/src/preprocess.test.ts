import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centerCropTensor, toNetworkInput } from './preprocess.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tensor preprocessing', () => {
  it('centre-crops: a 4×6 image to its centred 2×2, rows 1–2 and columns 2–3', () => {
    const before = tf.memory().numTensors;
    const img = tf.tensor4d(Array.from({ length: 24 }, (_, i) => i), [1, 4, 6, 1]);
    const crop = centerCropTensor(img, 2);
    expect(crop.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(crop.dataSync())).toEqual([8, 9, 14, 15]);
    const resized = centerCropTensor(img, 2, 2); // shorter side 4 → 2: 2×3, centre 2×2 from column 0
    expect(resized.shape).toEqual([1, 2, 2, 1]);
    expect(() => centerCropTensor(img, 5)).toThrow(/smaller than the crop 5/);
    tf.dispose([img, crop, resized]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('subtracts the per-channel mean', () => {
    const x = tf.tensor4d([10, 20, 30, 40, 50, 60], [1, 1, 2, 3]);
    const y = toNetworkInput(x, [1, 2, 3]);
    expect(Array.from(y.dataSync())).toEqual([9, 18, 27, 39, 48, 57]);
    tf.dispose([x, y]);
  });
});
