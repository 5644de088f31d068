import { describe, expect, it } from 'vitest';
import { resultFor } from './evaluate.js';
import { averageMembers, CropPool } from './pooling.js';
import type { ScoredDataset } from './scoring.js';

const close = (a: ArrayLike<number>, b: number[]): void => {
  expect(a.length).toBe(b.length);
  b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 12));
};

describe('pooling over crops', () => {
  it('averages or takes the max of crop probabilities per image', () => {
    const crops: [number, number[]][] = [
      [0, [0.2, 0.8]],
      [1, [1, 0]],
      [0, [0.6, 0.4]],
    ];
    const mean = new CropPool(2, 2, 'mean');
    const max = new CropPool(2, 2, 'max');
    // Probabilities may arrive as one batch buffer with an offset per crop.
    const flat = crops.flatMap(([, p]) => p);
    crops.forEach(([img], k) => {
      mean.add(img, flat, k * 2);
      max.add(img, flat, k * 2);
    });
    close(mean.result(), [0.4, 0.6, 1, 0]);
    close(max.result(), [0.6, 0.8, 1, 0]);
  });

  it('refuses an image that received no crop', () => {
    const pool = new CropPool(2, 2, 'mean');
    pool.add(0, [0.5, 0.5]);
    expect(() => pool.result()).toThrow(/image 1 received no crop/);
    expect(() => pool.add(2, [0.5, 0.5])).toThrow(/image 2 outside 0..1/);
  });
});

describe('ensembles', () => {
  it('averages members element-wise', () => {
    close(averageMembers([Float64Array.from([0.4, 0.6]), Float64Array.from([0.8, 0.2])]), [0.6, 0.4]);
    expect(() => averageMembers([])).toThrow(/at least one member/);
    expect(() => averageMembers([new Float64Array(2), new Float64Array(3)])).toThrow(/member 1 has 3 scores/);
  });

  it('scores single members and the ensemble as computed by hand', () => {
    // 3 images × 3 classes, labels 0, 1, 2.
    const a = Float64Array.from([0.5, 0.3, 0.2, /**/ 0.6, 0.3, 0.1, /**/ 0.1, 0.45, 0.45]);
    const b = Float64Array.from([0.1, 0.8, 0.1, /**/ 0.1, 0.8, 0.1, /**/ 0.1, 0.1, 0.8]);
    // Ensemble: [0.3, 0.55, 0.15] → 1 (wrong); [0.35, 0.55, 0.1] → 1 (right); [0.1, 0.275, 0.625] → 2 (right).
    const scored: ScoredDataset = {
      crops: 10,
      pooling: 'mean',
      inputSizePx: 32,
      images: 3,
      numClasses: 3,
      wnids: ['n0', 'n1', 'n2'],
      labels: Int32Array.from([0, 1, 2]),
      members: [a, b],
      backend: 'cpu',
      wallSeconds: 2,
      cropsEvaluated: 30,
    };
    const onlyA = resultFor(scored, ['A', 'B'], [0]);
    const onlyB = resultFor(scored, ['A', 'B'], [1]);
    const both = resultFor(scored, ['A', 'B']);
    // A: image 0 right, image 1 wrong (0.6 on class 0), image 2 tie 1/2 → class 1, wrong.
    expect(onlyA.top1Error).toBeCloseTo(2 / 3, 12);
    // B: image 0 wrong, 1 right, 2 right.
    expect(onlyB.top1Error).toBeCloseTo(1 / 3, 12);
    expect(both.top1Error).toBeCloseTo(1 / 3, 12);
    expect(both.confusions.map((c) => [c.trueWnid, c.predictedWnid, c.count])).toEqual([['n0', 'n1', 1]]);
    expect([both.models, both.cost, both.weights]).toEqual([2, 20, ['A', 'B']]);
    expect([onlyA.models, onlyA.cost, onlyA.weights]).toEqual([1, 10, ['A']]);
    // Two members ran together for 2 s on 30 crops: per member 1 s of the time.
    expect([both.imagesPerSec, both.cropsPerSec, onlyA.wallSeconds]).toEqual([1.5, 30, 1]);
  });
});
