/**
 * Test-time crop geometry of the paper ("Testing", Table 3), as pure arithmetic on image sizes:
 * no pixels here. Every crop is a rectangle in the image resized to one shorter side, and the
 * same rectangle expressed in ORIGINAL-image pixels (`sourceRect`), so tests can check it exactly.
 *
 * Input sizes other than 224 scale the whole protocol by s = inputSizePx / 224: shorter sides
 * round(256·s), round(288·s), round(320·s), round(352·s), crop inputSizePx. At 224 this is exactly
 * the paper's protocol. Rounding is Math.round (half up) everywhere; offsets that split an odd
 * remainder (centre square, centre crop) take the floor, i.e. the extra pixel goes right/bottom.
 */

export type CropScheme = 1 | 10 | 144;
export const CROP_SCHEMES: readonly CropScheme[] = [1, 10, 144];

/** The paper's four test scales (shorter side, pixels at input 224) and its input size. */
export const PAPER_SHORTER_SIDES_PX = [256, 288, 320, 352] as const;
export const PAPER_INPUT_SIZE_PX = 224;
/** The single scale of the centre crop and of 10-crop (the usual "shorter side 256"). */
export const SINGLE_SCALE_SHORTER_SIDE_PX = 256;

export type CropPosition = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight' | 'center' | 'wholeSquare';
/** Which of the three squares: left/centre/right for landscape, top/centre/bottom for portrait. */
export type SquarePosition = 'first' | 'center' | 'last';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CropSpec {
  position: CropPosition;
  /** null for the 1- and 10-crop schemes, which take no squares. */
  square: SquarePosition | null;
  mirror: boolean;
  /** Integer rectangle in the resized image of its scale group. */
  resizedRect: Rect;
  /** The same rectangle in original-image pixels (fractional in general). */
  sourceRect: Rect;
}

/** All crops that share one resize of the image (one decode per image per scale). */
export interface ScaleGroup {
  shorterSidePx: number;
  resizedWidthPx: number;
  resizedHeightPx: number;
  crops: CropSpec[];
}

export interface CropPlan {
  scheme: CropScheme;
  /** Side of every crop fed to the network (the network input size). */
  cropSizePx: number;
  originalWidthPx: number;
  originalHeightPx: number;
  scales: ScaleGroup[];
}

/** Shorter side for a paper scale at a given network input size: round(paperPx · inputSizePx/224). */
export function scaledSidePx(paperPx: number, inputSizePx: number): number {
  return Math.round((paperPx * inputSizePx) / PAPER_INPUT_SIZE_PX);
}

/** Size of the image resized so that its shorter side is `shorterSidePx` (longer side rounded). */
export function resizedSize(originalWidthPx: number, originalHeightPx: number, shorterSidePx: number): { width: number; height: number } {
  if (originalWidthPx <= originalHeightPx) {
    return { width: shorterSidePx, height: Math.round((originalHeightPx * shorterSidePx) / originalWidthPx) };
  }
  return { width: Math.round((originalWidthPx * shorterSidePx) / originalHeightPx), height: shorterSidePx };
}

/** The crop plan of a scheme for an image of the given ORIGINAL size. */
export function cropPlan(scheme: CropScheme, originalWidthPx: number, originalHeightPx: number, inputSizePx: number): CropPlan {
  for (const [name, v] of [['originalWidthPx', originalWidthPx], ['originalHeightPx', originalHeightPx], ['inputSizePx', inputSizePx]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`cropPlan: ${name} must be a positive integer, got ${v}`);
  }
  const cropSizePx = inputSizePx;
  const base = { scheme, cropSizePx, originalWidthPx, originalHeightPx };
  const single = (): ScaleGroup => {
    const shorterSidePx = scaledSidePx(SINGLE_SCALE_SHORTER_SIDE_PX, inputSizePx);
    const { width, height } = resizedSize(originalWidthPx, originalHeightPx, shorterSidePx);
    return { shorterSidePx, resizedWidthPx: width, resizedHeightPx: height, crops: [] };
  };
  switch (scheme) {
    case 1: {
      const g = single();
      g.crops = imageCrops(g, cropSizePx, ['center'], [false], base);
      return { ...base, scales: [g] };
    }
    case 10: {
      const g = single();
      g.crops = imageCrops(g, cropSizePx, ['topLeft', 'topRight', 'bottomLeft', 'bottomRight', 'center'], [false, true], base);
      return { ...base, scales: [g] };
    }
    case 144:
      return { ...base, scales: PAPER_SHORTER_SIDES_PX.map((p) => squaresGroup(scaledSidePx(p, inputSizePx), cropSizePx, base)) };
    default:
      throw new Error(`cropPlan: unknown crop scheme ${String(scheme)} (expected 1, 10 or 144)`);
  }
}

/** Every crop of a plan in order (scale, then square, then position, then mirror). */
export function planCrops(plan: CropPlan): CropSpec[] {
  return plan.scales.flatMap((g) => g.crops);
}

type ImageSize = { originalWidthPx: number; originalHeightPx: number };

/** Corner/centre crops of the whole resized image (1- and 10-crop). */
function imageCrops(g: ScaleGroup, c: number, positions: CropPosition[], mirrors: boolean[], img: ImageSize): CropSpec[] {
  const out: CropSpec[] = [];
  for (const position of positions) {
    const r = cornerOrCenter(position, g.resizedWidthPx, g.resizedHeightPx, c);
    for (const mirror of mirrors) out.push(spec(position, null, mirror, r, g, img));
  }
  return out;
}

/** The 36 crops of one scale of the 144-crop protocol: 3 squares × 6 positions × 2 mirrors. */
function squaresGroup(shorterSidePx: number, c: number, img: ImageSize): ScaleGroup {
  const { width, height } = resizedSize(img.originalWidthPx, img.originalHeightPx, shorterSidePx);
  const g: ScaleGroup = { shorterSidePx, resizedWidthPx: width, resizedHeightPx: height, crops: [] };
  const s = shorterSidePx;
  const slack = Math.max(width, height) - s; // how far the square slides along the longer side
  const offsets: [SquarePosition, number][] = [['first', 0], ['center', Math.floor(slack / 2)], ['last', slack]];
  const positions: CropPosition[] = ['topLeft', 'topRight', 'bottomLeft', 'bottomRight', 'center', 'wholeSquare'];
  for (const [square, offset] of offsets) {
    const ox = width >= height ? offset : 0;
    const oy = width >= height ? 0 : offset;
    for (const position of positions) {
      const inSquare = position === 'wholeSquare' ? { x: 0, y: 0, width: s, height: s } : cornerOrCenter(position, s, s, c);
      const r = { x: ox + inSquare.x, y: oy + inSquare.y, width: inSquare.width, height: inSquare.height };
      for (const mirror of [false, true]) g.crops.push(spec(position, square, mirror, r, g, img));
    }
  }
  return g;
}

/** A c×c crop at a corner or the centre of a w×h area. */
function cornerOrCenter(position: CropPosition, w: number, h: number, c: number): Rect {
  if (c > w || c > h) throw new Error(`crop ${c}px does not fit in ${w}×${h}px`);
  const x = { topLeft: 0, bottomLeft: 0, topRight: w - c, bottomRight: w - c, center: Math.floor((w - c) / 2) }[position as string];
  const y = { topLeft: 0, topRight: 0, bottomLeft: h - c, bottomRight: h - c, center: Math.floor((h - c) / 2) }[position as string];
  if (x === undefined || y === undefined) throw new Error(`no corner/centre crop called '${position}'`);
  return { x, y, width: c, height: c };
}

function spec(position: CropPosition, square: SquarePosition | null, mirror: boolean, r: Rect, g: ScaleGroup, img: ImageSize): CropSpec {
  const sx = img.originalWidthPx / g.resizedWidthPx;
  const sy = img.originalHeightPx / g.resizedHeightPx;
  return {
    position,
    square,
    mirror,
    resizedRect: { ...r },
    sourceRect: { x: r.x * sx, y: r.y * sy, width: r.width * sx, height: r.height * sy },
  };
}
