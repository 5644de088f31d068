import { describe, expect, it } from 'vitest';
import { argmaxOf, computeMetrics, rankClasses, rankOf } from './metrics.js';

const UNIFORM = Array<number>(7).fill(1 / 7);
const STEPS = [0.3, 0.2, 0.2, 0.1, 0.1, 0.1, 0.0];
const TIE_13 = [0.05, 0.4, 0.05, 0.4, 0.05, 0.025, 0.025];

// Seven classes (so that top-5 is not everything), nine images with deliberate ties.
// image: scores, label → rank of the label by hand (ties go to the lower class index).
const TABLE: [number[], number, number][] = [
  [[0.1, 0.1, 0.5, 0.1, 0.1, 0.05, 0.05], 2, 0], // clear win
  [TIE_13, 3, 1], // tied with class 1, which wins the tie
  [TIE_13, 1, 0], // the same tie, now in its favour
  [UNIFORM, 6, 6], // all equal: the highest index ranks last → top-5 miss
  [UNIFORM, 0, 0], // all equal: index 0 wins
  [STEPS, 5, 5], // 0,1,2 higher; 3,4 tie lower-index → rank 5, top-5 miss
  [STEPS, 4, 4], // 0,1,2 higher; 3 ties lower-index → rank 4, top-5 hit
  [STEPS, 3, 3],
  [UNIFORM, 6, 6],
];

describe('top-k metrics with deterministic ties', () => {
  const scores = Float32Array.from(TABLE.flatMap(([s]) => s));
  const labels = TABLE.map(([, l]) => l);

  it('ranks each label as counted by hand', () => {
    TABLE.forEach(([, label, rank], i) => expect(rankOf(scores, i * 7, 7, label)).toBe(rank));
    expect(argmaxOf(scores, 1 * 7, 7)).toBe(1);
    expect(argmaxOf(scores, 3 * 7, 7)).toBe(0);
    expect(rankClasses([0.2, 0.5, 0.2, 0.5])).toEqual([1, 3, 0, 2]);
  });

  it('gives top-1, top-5, per-class accuracy and confusions computed by hand', () => {
    const m = computeMetrics(scores, labels, 7, { wnids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    expect(m.images).toBe(9);
    // top-1 right: images 0, 2, 4 → 3/9; top-5 wrong: images 3, 5, 8 → 3/9.
    expect(m.top1Error).toBeCloseTo(6 / 9, 12);
    expect(m.top5Error).toBeCloseTo(3 / 9, 12);
    const perClass = m.perClassAccuracy.map((c) => [c.classIndex, c.wnid, c.images, c.top1Accuracy, c.top5Accuracy]);
    expect(perClass).toEqual([
      [0, 'a', 1, 1, 1],
      [1, 'b', 1, 1, 1],
      [2, 'c', 1, 1, 1],
      [3, 'd', 2, 0, 1],
      [4, 'e', 1, 0, 1],
      [5, 'f', 1, 0, 0],
      [6, 'g', 2, 0, 0],
    ]);
    // Misses: 3→1, 6→0 (twice), 5→0, 4→0, 3→0; by count, then true class, then predicted class.
    expect(m.confusions.map((c) => [c.trueClass, c.predictedClass, c.count])).toEqual([
      [6, 0, 2],
      [3, 0, 1],
      [3, 1, 1],
      [4, 0, 1],
      [5, 0, 1],
    ]);
    expect(m.confusions[0]).toMatchObject({ trueWnid: 'g', predictedWnid: 'a' });
    expect(computeMetrics(scores, labels, 7, { topConfusions: 2 }).confusions).toHaveLength(2);
  });

  it('reports classes without images as null accuracy', () => {
    const m = computeMetrics(Float32Array.from([0.9, 0.1, 0]), [0], 3);
    expect(m.perClassAccuracy.map((c) => c.top1Accuracy)).toEqual([1, null, null]);
    expect(m.top1Error).toBe(0);
  });

  it('rejects bad input clearly', () => {
    expect(() => computeMetrics(Float32Array.from([0.5, 0.5]), [2], 2)).toThrow(/label 2, outside 0..1/);
    expect(() => computeMetrics(Float32Array.from([0.5]), [0], 2)).toThrow(/1 scores for 1 images × 2 classes/);
    expect(() => computeMetrics(Float32Array.from([NaN, 0.5]), [0], 2)).toThrow(/NaN/);
    expect(() => computeMetrics(new Float32Array(0), [], 2)).toThrow(/no images/);
  });
});
