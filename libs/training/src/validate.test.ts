import { describe, expect, it } from 'vitest';
import { topKCorrect } from './validate.js';

describe('topKCorrect', () => {
  it('counts a label inside the k largest logits', () => {
    // 3 rows × 6 classes
    const logits = Float32Array.from([
      9, 1, 2, 3, 4, 5, // label 0: rank 0
      0, 1, 2, 3, 4, 5, // label 0: rank 5 (last)
      5, 4, 3, 2, 1, 0, // label 4: rank 4 (5th)
    ]);
    const labels = Int32Array.from([0, 0, 4]);
    expect(topKCorrect(logits, 6, labels, 1)).toBe(1);
    expect(topKCorrect(logits, 6, labels, 5)).toBe(2);
    expect(topKCorrect(logits, 6, labels, 6)).toBe(3);
  });
  it('breaks ties by class index, so a constant output scores 1 of numClasses', () => {
    expect(topKCorrect(Float32Array.from([1, 1, 1]), 3, Int32Array.from([2]), 1)).toBe(0);
    expect(topKCorrect(Float32Array.from([1, 1, 1]), 3, Int32Array.from([0]), 1)).toBe(1);
  });
});
