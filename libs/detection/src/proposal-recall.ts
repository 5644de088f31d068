import { iou, type Rect } from './boxes.js';

export interface RecallPoint {
  proposals: number;
  recall: number;
}

/** The proposal counts at which recall is reported (a log-spaced curve, as in the literature). */
export const DEFAULT_RECALL_COUNTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] as const;

/**
 * Fraction of ground-truth boxes (pooled over images) covered at IoU ≥ `iouThreshold` by one of the
 * first N proposals of their image, for each N in `counts`. Proposals must be ranked best first.
 */
export function proposalRecallCurve(
  groundTruthPerImage: readonly (readonly Rect[])[],
  proposalsPerImage: readonly (readonly Rect[])[],
  counts: readonly number[] = DEFAULT_RECALL_COUNTS,
  iouThreshold = 0.5,
): RecallPoint[] {
  if (groundTruthPerImage.length !== proposalsPerImage.length) {
    throw new Error(`proposalRecallCurve: ${groundTruthPerImage.length} ground-truth images but ${proposalsPerImage.length} proposal lists`);
  }
  // For each ground-truth box, the rank of the first proposal covering it (Infinity if none).
  const firstCoveringRank: number[] = [];
  groundTruthPerImage.forEach((gts, i) => {
    const props = proposalsPerImage[i];
    for (const g of gts) {
      const rank = props.findIndex((p) => iou(p, g) >= iouThreshold);
      firstCoveringRank.push(rank < 0 ? Infinity : rank);
    }
  });
  const total = firstCoveringRank.length;
  return counts.map((n) => ({
    proposals: n,
    recall: total === 0 ? 0 : firstCoveringRank.filter((r) => r < n).length / total,
  }));
}
