/**
 * Boxes in pixel coordinates, inclusive at both ends as in ILSVRC's XML and devkit: a box covering
 * the single pixel (3, 4) is {xmin: 3, ymin: 4, xmax: 3, ymax: 4}, width 1. Every area and overlap
 * here uses that "+1" convention, exactly as the devkit's eval_detection.m does.
 */
export interface Rect {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/** A ground-truth or detected box of one class (a WordNet id such as n02084071). */
export interface LabelledBox extends Rect {
  wnid: string;
}

export interface Detection extends LabelledBox {
  score: number;
}

export function boxWidth(b: Rect): number {
  return b.xmax - b.xmin + 1;
}

export function boxHeight(b: Rect): number {
  return b.ymax - b.ymin + 1;
}

export function boxArea(b: Rect): number {
  return Math.max(0, boxWidth(b)) * Math.max(0, boxHeight(b));
}

/** Intersection over union; 0 when the boxes do not overlap. */
export function iou(a: Rect, b: Rect): number {
  const iw = Math.min(a.xmax, b.xmax) - Math.max(a.xmin, b.xmin) + 1;
  const ih = Math.min(a.ymax, b.ymax) - Math.max(a.ymin, b.ymin) + 1;
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / (boxArea(a) + boxArea(b) - inter);
}

/**
 * The ILSVRC devkit's overlap threshold for a ground-truth box: 0.5, relaxed for small objects to
 * wh / ((w + 10)(h + 10)) so that a 10-pixel localisation slack is always allowed.
 */
export function ilsvrcIouThreshold(gt: Rect): number {
  const w = boxWidth(gt);
  const h = boxHeight(gt);
  return Math.min(0.5, (w * h) / ((w + 10) * (h + 10)));
}

/** Clips a box to an image of the given size (pixels 0..width-1, 0..height-1). */
export function clipRect<T extends Rect>(b: T, widthPx: number, heightPx: number): T {
  return {
    ...b,
    xmin: Math.min(Math.max(b.xmin, 0), widthPx - 1),
    ymin: Math.min(Math.max(b.ymin, 0), heightPx - 1),
    xmax: Math.min(Math.max(b.xmax, 0), widthPx - 1),
    ymax: Math.min(Math.max(b.ymax, 0), heightPx - 1),
  };
}

/** Maps a box between two pixel grids of one image (e.g. a downscaled JPEG and the original). */
export function scaleRect<T extends Rect>(b: T, sx: number, sy: number): T {
  const xmin = Math.round(b.xmin * sx);
  const ymin = Math.round(b.ymin * sy);
  // A one-pixel box may round to an empty one when shrinking; keep at least one pixel.
  return {
    ...b,
    xmin,
    ymin,
    xmax: Math.max(xmin, Math.round((b.xmax + 1) * sx - 1)),
    ymax: Math.max(ymin, Math.round((b.ymax + 1) * sy - 1)),
  };
}
