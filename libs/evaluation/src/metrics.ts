/**
 * Top-k error, per-class accuracy and the most confused pairs, from a table of class scores
 * (images × classes, row-major). Ties are broken deterministically: among equal scores the LOWER
 * class index ranks first. So the rank of the true label L is the number of classes j with
 * score_j > score_L, plus those with score_j == score_L and j < L; top-k is correct iff rank < k.
 */

export interface ClassAccuracy {
  classIndex: number;
  wnid: string;
  images: number;
  /** null when the class has no image in the evaluated set. */
  top1Accuracy: number | null;
  top5Accuracy: number | null;
}

export interface Confusion {
  trueClass: number;
  trueWnid: string;
  predictedClass: number;
  predictedWnid: string;
  count: number;
}

export interface Metrics {
  images: number;
  /** Fractions in [0, 1]. */
  top1Error: number;
  top5Error: number;
  perClassAccuracy: ClassAccuracy[];
  /** Most frequent (true, top-1 predicted) pairs with true ≠ predicted, most frequent first. */
  confusions: Confusion[];
}

/** Rank (0 = best) of class `label` in one row of scores, ties to the lower class index. */
export function rankOf(scores: ArrayLike<number>, offset: number, numClasses: number, label: number): number {
  const p = scores[offset + label];
  let rank = 0;
  for (let j = 0; j < numClasses; j++) {
    const q = scores[offset + j];
    if (q > p || (q === p && j < label)) rank++;
  }
  return rank;
}

/** The top-1 class of one row of scores, ties to the lower class index. */
export function argmaxOf(scores: ArrayLike<number>, offset: number, numClasses: number): number {
  let best = 0;
  for (let j = 1; j < numClasses; j++) if (scores[offset + j] > scores[offset + best]) best = j;
  return best;
}

/** Class indices ordered best first (ties to the lower index); for display and tests. */
export function rankClasses(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, j) => j).sort((a, b) => scores[b] - scores[a] || a - b);
}

export interface MetricsOptions {
  /** Class identifiers by index (for readable confusions); defaults to the index as a string. */
  wnids?: readonly string[];
  /** How many confused pairs to keep (default 20). */
  topConfusions?: number;
}

export function computeMetrics(scores: Float32Array | Float64Array, labels: ArrayLike<number>, numClasses: number, opts: MetricsOptions = {}): Metrics {
  const n = labels.length;
  if (n === 0) throw new Error('metrics: no images to evaluate');
  if (scores.length !== n * numClasses) throw new Error(`metrics: ${scores.length} scores for ${n} images × ${numClasses} classes`);
  const wnid = (c: number): string => opts.wnids?.[c] ?? String(c);
  const imagesPerClass = new Array<number>(numClasses).fill(0);
  const top1PerClass = new Array<number>(numClasses).fill(0);
  const top5PerClass = new Array<number>(numClasses).fill(0);
  const pairs = new Map<number, number>();
  let top1 = 0;
  let top5 = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) throw new Error(`metrics: image ${i} has label ${label}, outside 0..${numClasses - 1}`);
    const off = i * numClasses;
    for (let j = 0; j < numClasses; j++) if (Number.isNaN(scores[off + j])) throw new Error(`metrics: image ${i} has a NaN score for class ${j}`);
    const rank = rankOf(scores, off, numClasses, label);
    imagesPerClass[label]++;
    if (rank < 1) {
      top1++;
      top1PerClass[label]++;
    } else {
      const predicted = argmaxOf(scores, off, numClasses);
      const key = label * numClasses + predicted;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    if (rank < 5) {
      top5++;
      top5PerClass[label]++;
    }
  }
  const perClassAccuracy = imagesPerClass.map((count, c) => ({
    classIndex: c,
    wnid: wnid(c),
    images: count,
    top1Accuracy: count > 0 ? top1PerClass[c] / count : null,
    top5Accuracy: count > 0 ? top5PerClass[c] / count : null,
  }));
  const confusions = [...pairs.entries()]
    .map(([key, count]) => ({ trueClass: Math.floor(key / numClasses), predictedClass: key % numClasses, count }))
    .sort((a, b) => b.count - a.count || a.trueClass - b.trueClass || a.predictedClass - b.predictedClass)
    .slice(0, opts.topConfusions ?? 20)
    .map((p) => ({ trueClass: p.trueClass, trueWnid: wnid(p.trueClass), predictedClass: p.predictedClass, predictedWnid: wnid(p.predictedClass), count: p.count }));
  return {
    images: n,
    top1Error: 1 - top1 / n,
    top5Error: 1 - top5 / n,
    perClassAccuracy,
    confusions,
  };
}
