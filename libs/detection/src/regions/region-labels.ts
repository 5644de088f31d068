import { iou, type LabelledBox, type Rect } from '../boxes.js';

export interface LabelledRegion {
  box: Rect;
  /** 0 = background, 1 + index in the detection class list otherwise. */
  label: number;
}

export interface RegionLabelOptions {
  /** IoU with a ground-truth box at or above which a proposal takes its class (R-CNN fine-tuning: 0.5). */
  foregroundIou: number;
  /** IoU with every ground-truth box below which a proposal is background (0.3 here; in between: unused). */
  backgroundIou: number;
}

export const DEFAULT_REGION_LABELS: RegionLabelOptions = { foregroundIou: 0.5, backgroundIou: 0.3 };

/**
 * Labels the proposals of one training image for fine-tuning, as R-CNN does: a proposal takes the
 * class of the ground-truth box it overlaps most when that IoU ≥ foregroundIou; it is background
 * when its best IoU < backgroundIou; otherwise it is left out. The ground-truth boxes themselves
 * are added as foreground. Boxes of classes outside `classIndex` count as objects to avoid (never
 * background) but give no positives.
 */
export function labelRegions(
  proposals: readonly Rect[],
  groundTruth: readonly LabelledBox[],
  classIndex: ReadonlyMap<string, number>,
  opts: RegionLabelOptions = DEFAULT_REGION_LABELS,
): { foreground: LabelledRegion[]; background: LabelledRegion[] } {
  const foreground: LabelledRegion[] = [];
  const background: LabelledRegion[] = [];
  for (const g of groundTruth) {
    const c = classIndex.get(g.wnid);
    if (c !== undefined) foreground.push({ box: { xmin: g.xmin, ymin: g.ymin, xmax: g.xmax, ymax: g.ymax }, label: 1 + c });
  }
  for (const p of proposals) {
    let best = 0;
    let bestBox: LabelledBox | undefined;
    for (const g of groundTruth) {
      const o = iou(p, g);
      if (o > best) {
        best = o;
        bestBox = g;
      }
    }
    if (best >= opts.foregroundIou) {
      const c = classIndex.get(bestBox!.wnid);
      if (c !== undefined) foreground.push({ box: p, label: 1 + c });
    } else if (best < opts.backgroundIou) {
      background.push({ box: p, label: 0 });
    }
  }
  return { foreground, background };
}
