import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalResponseNorm } from './lrn.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Caffe's ACROSS_CHANNELS LRN written out: b_c = a_c / (k + alpha/n · Σ_{|c'−c|≤2} a_c'²)^beta. */
function caffeLrn(a: number[], size = 5, alpha = 1e-4, beta = 0.75, k = 1): number[] {
  const r = (size - 1) / 2;
  return a.map((v, c) => {
    let sumSq = 0;
    for (let j = Math.max(0, c - r); j <= Math.min(a.length - 1, c + r); j++) sumSq += a[j]! * a[j]!;
    return v / Math.pow(k + (alpha / size) * sumSq, beta);
  });
}

describe('LocalResponseNorm', () => {
  it("matches Caffe's formula (size 5, alpha 1e-4, beta 0.75) across 7 channels", () => {
    // Large activations so that the normaliser is far from 1 (Σa² · 2e-5 ≈ 1–3).
    const pixel = [150, -80, 220, 10, 300, -250, 60];
    const x = tf.tensor4d(pixel, [1, 1, 1, 7]);
    const layer = new LocalResponseNorm();
    const y = layer.apply(x) as tf.Tensor;
    const got = [...y.dataSync()];
    const want = caffeLrn(pixel);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 3));
    // The normalisation is not a no-op here: the centre channel shrinks by > 20%.
    expect(Math.abs(got[4]!)).toBeLessThan(0.8 * 300);
    tf.dispose([x, y]);
  });

  it('serialises its Caffe-convention config and rebuilds from it', () => {
    const layer = new LocalResponseNorm({ name: 'lrn_x', size: 3, alpha: 2e-4 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'lrn_x', size: 3, alpha: 2e-4, beta: 0.75, k: 1 });
    const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap['GoogLeNetLRN']!;
    const rebuilt = fromConfig(cls, config) as LocalResponseNorm;
    expect(rebuilt).toBeInstanceOf(LocalResponseNorm);
    expect(rebuilt.lrn).toEqual({ size: 3, alpha: 2e-4, beta: 0.75, k: 1 });
    expect(() => new LocalResponseNorm({ size: 4 })).toThrow(/odd positive integer/);
  });
});
