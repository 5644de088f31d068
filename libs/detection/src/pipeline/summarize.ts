import type { Rect } from '../boxes.js';
import { evaluateDetections, type GroundTruthImage, type ImageDetection } from '../average-precision.js';
import { DEFAULT_RECALL_COUNTS, proposalRecallCurve } from '../proposal-recall.js';
import type { DetectionResult } from '../result.js';

/**
 * `result.json` from ground truth, detections and proposals: mAP and per-class AP by the ILSVRC
 * rule, and proposal recall at IoU 0.5 for the standard counts up to the largest list (the last
 * point is "all proposals", which is `recallAt05`).
 */
export function summarizeDetection(
  groundTruth: readonly GroundTruthImage[],
  detections: readonly ImageDetection[],
  proposals: ReadonlyMap<string, readonly Rect[]>,
  info: { backend: string; wallSeconds: number; classes?: readonly string[] },
): DetectionResult {
  const evaluation = evaluateDetections(groundTruth, detections, info.classes);
  const lists = groundTruth.map((g) => {
    const p = proposals.get(g.image);
    if (!p) throw new Error(`summarizeDetection: no proposals for image '${g.image}'`);
    return p;
  });
  const maxCount = Math.max(0, ...lists.map((l) => l.length));
  const counts = [...DEFAULT_RECALL_COUNTS.filter((n) => n < maxCount), maxCount];
  const recallCurve = proposalRecallCurve(
    groundTruth.map((g) => g.boxes),
    lists,
    counts,
    0.5,
  );
  return {
    mAP: evaluation.mAP,
    perClassAP: evaluation.perClassAP,
    images: groundTruth.length,
    proposalsPerImage: lists.length === 0 ? 0 : lists.reduce((s, l) => s + l.length, 0) / lists.length,
    recallAt05: recallCurve.at(-1)?.recall ?? 0,
    recallCurve,
    backend: info.backend,
    wallSeconds: info.wallSeconds,
  };
}
