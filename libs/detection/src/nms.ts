import { iou, type Detection, type Rect } from './boxes.js';

/**
 * Greedy non-maximum suppression over one class: keep the best-scoring box, drop every remaining
 * box overlapping it by more than `iouThreshold`, repeat. Ties in score keep input order, so the
 * result is deterministic. Returns the kept boxes, best first.
 */
export function nms<T extends Rect & { score: number }>(boxes: readonly T[], iouThreshold: number): T[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].score - boxes[a].score || a - b);
  const kept: T[] = [];
  const suppressed = new Uint8Array(boxes.length);
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi];
    if (suppressed[i]) continue;
    kept.push(boxes[i]);
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj];
      if (!suppressed[j] && iou(boxes[i], boxes[j]) > iouThreshold) suppressed[j] = 1;
    }
  }
  return kept;
}

/** The paper's (R-CNN's) post-processing: NMS within each class, then the best `maxDetections`. */
export function perClassNms(detections: readonly Detection[], iouThreshold = 0.3, maxDetections = 100): Detection[] {
  const byClass = new Map<string, Detection[]>();
  for (const d of detections) {
    const list = byClass.get(d.wnid) ?? [];
    list.push(d);
    byClass.set(d.wnid, list);
  }
  const kept: Detection[] = [];
  for (const wnid of [...byClass.keys()].sort()) kept.push(...nms(byClass.get(wnid)!, iouThreshold));
  return kept
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.score - a.d.score || a.i - b.i)
    .slice(0, maxDetections)
    .map(({ d }) => d);
}
