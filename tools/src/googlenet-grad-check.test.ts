import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { googlenetGradientCheck } from './googlenet-grad-check.js';

describe('whole-GoogLeNet training gradients on wasm', () => {
  it('match the cpu backend for every weight tensor (relative error < 1e-4)', async () => {
    const before = tf.memory().numTensors;
    const r = await googlenetGradientCheck();
    // conv1, conv2 reduce + conv2, 9 inception blocks × 6 convs, 2 aux heads × (conv, fc, fc),
    // the classifier: each a kernel and a bias.
    expect(r.weightTensors).toBe(2 * (1 + 2 + 9 * 6 + 2 * 3 + 1));
    expect(r.worstRelativeError).toBeLessThan(1e-4);
    expect(Math.abs(r.wasmLoss - r.cpuLoss)).toBeLessThan(1e-4 * Math.abs(r.cpuLoss));
    expect(tf.memory().numTensors).toBe(before);
  });
});
