import { describe, expect, it } from 'vitest';
import { cropPlan, planCrops, type CropScheme, type CropSpec } from './geometry.js';

// Sizes of odd parity on purpose: landscape, portrait, square, very wide, and smaller than a crop.
const IMAGES: [number, number][] = [
  [333, 221],
  [219, 401],
  [257, 257],
  [1001, 99],
  [41, 27],
];

/** round(a / b) for positive integers, half up, in exact integer arithmetic. */
const roundDiv = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b));

interface Expected {
  key: string;
  /** Resized image size of this crop's scale, to map the rectangle back to original pixels. */
  rw: number;
  rh: number;
}

/** The protocol written out independently of geometry.ts: rectangles in resized pixels. */
function expectedCrops(scheme: CropScheme, w: number, h: number, input: number): Expected[] {
  const resized = (side: number): [number, number] => (w <= h ? [side, roundDiv(h * side, w)] : [roundDiv(w * side, h), side]);
  const out: Expected[] = [];
  const push = (rw: number, rh: number, x: number, y: number, size: number): void => {
    for (const mirror of scheme === 1 ? [false] : [false, true]) out.push({ key: `${rw}x${rh}:${x},${y},${size}:${mirror}`, rw, rh });
  };
  const c = input;
  if (scheme !== 144) {
    const side = roundDiv(256 * input, 224);
    const [rw, rh] = resized(side);
    const cx = Math.floor((rw - c) / 2);
    const cy = Math.floor((rh - c) / 2);
    if (scheme === 1) push(rw, rh, cx, cy, c);
    else for (const [x, y] of [[0, 0], [rw - c, 0], [0, rh - c], [rw - c, rh - c], [cx, cy]]) push(rw, rh, x, y, c);
    return out;
  }
  for (const paperSide of [256, 288, 320, 352]) {
    const s = roundDiv(paperSide * input, 224);
    const [rw, rh] = resized(s);
    const slide = Math.max(rw, rh) - s;
    for (const start of [0, Math.floor(slide / 2), slide]) {
      const [sx, sy] = rw >= rh ? [start, 0] : [0, start];
      const m = Math.floor((s - c) / 2);
      for (const [dx, dy] of [[0, 0], [s - c, 0], [0, s - c], [s - c, s - c], [m, m]]) push(rw, rh, sx + dx, sy + dy, c);
      push(rw, rh, sx, sy, s); // the whole square, resized to the crop size later
    }
  }
  return out;
}

/** The one crop matching `pred`, failing the test when there is none. */
function found(crops: CropSpec[], pred: (c: CropSpec) => boolean): CropSpec {
  const hit = crops.find(pred);
  if (!hit) throw new Error('no such crop');
  return hit;
}

const keyOf = (crop: CropSpec, rw: number, rh: number): string => {
  const r = crop.resizedRect;
  expect(r.width).toBe(r.height);
  return `${rw}x${rh}:${r.x},${r.y},${r.width}:${crop.mirror}`;
};

describe.each([224, 64, 37])('crop geometry at %i px input', (input) => {
  describe.each(IMAGES)('%i×%i image', (w, h) => {
    it.each([1, 10, 144] as const)('%i-crop: exactly the protocol rectangles, inside the image, mirrored half', (scheme) => {
      const plan = cropPlan(scheme, w, h, input);
      const expected = expectedCrops(scheme, w, h, input);
      const crops = plan.scales.flatMap((g) => g.crops.map((crop) => ({ crop, g })));
      expect(crops.length).toBe(scheme);
      const actualKeys = crops.map(({ crop, g }) => keyOf(crop, g.resizedWidthPx, g.resizedHeightPx)).sort();
      expect(actualKeys).toEqual(expected.map((e) => e.key).sort());
      for (const { crop, g } of crops) {
        const r = crop.resizedRect;
        const s = crop.sourceRect;
        // Original-pixel rectangle = resized rectangle scaled by original/resized per axis.
        expect(s.x).toBeCloseTo((r.x * w) / g.resizedWidthPx, 9);
        expect(s.y).toBeCloseTo((r.y * h) / g.resizedHeightPx, 9);
        expect(s.width).toBeCloseTo((r.width * w) / g.resizedWidthPx, 9);
        expect(s.height).toBeCloseTo((r.height * h) / g.resizedHeightPx, 9);
        expect(s.x).toBeGreaterThanOrEqual(0);
        expect(s.y).toBeGreaterThanOrEqual(0);
        expect(s.x + s.width).toBeLessThanOrEqual(w + 1e-9);
        expect(s.y + s.height).toBeLessThanOrEqual(h + 1e-9);
        expect(r.x + r.width).toBeLessThanOrEqual(g.resizedWidthPx);
        expect(r.y + r.height).toBeLessThanOrEqual(g.resizedHeightPx);
        expect(Math.min(g.resizedWidthPx, g.resizedHeightPx)).toBe(g.shorterSidePx);
      }
      const mirrored = crops.filter(({ crop }) => crop.mirror).length;
      expect(mirrored).toBe(scheme === 1 ? 0 : scheme / 2);
      expect(planCrops(plan)).toEqual(crops.map(({ crop }) => crop));
    });
  });
});

describe('crop geometry, hand-computed cases', () => {
  it('uses the paper scales at 224 and scales them by input/224 otherwise', () => {
    expect(cropPlan(144, 500, 375, 224).scales.map((g) => g.shorterSidePx)).toEqual([256, 288, 320, 352]);
    // 256·64/224 = 73.14, 288·64/224 = 82.29, 320·64/224 = 91.43, 352·64/224 = 100.57
    expect(cropPlan(144, 500, 375, 64).scales.map((g) => g.shorterSidePx)).toEqual([73, 82, 91, 101]);
    expect(cropPlan(10, 500, 375, 64).scales.map((g) => g.shorterSidePx)).toEqual([73]);
  });

  it('places the 144-crop rectangles of a 500×375 image at 224 px where the protocol says', () => {
    const g = cropPlan(144, 500, 375, 224).scales[0];
    // 500·256/375 = 341.33 → 341 wide; squares at x = 0, floor(85/2) = 42, 85.
    expect([g.resizedWidthPx, g.resizedHeightPx]).toEqual([341, 256]);
    const centreOfCentre = found(g.crops, (c) => c.square === 'center' && c.position === 'center' && !c.mirror);
    expect(centreOfCentre.resizedRect).toEqual({ x: 42 + 16, y: 16, width: 224, height: 224 });
    expect(centreOfCentre.sourceRect.x).toBeCloseTo((58 * 500) / 341, 12);
    expect(centreOfCentre.sourceRect.y).toBeCloseTo(23.4375, 12); // 16 · 375/256
    expect(centreOfCentre.sourceRect.height).toBeCloseTo(328.125, 12); // 224 · 375/256
    const lastWhole = found(g.crops, (c) => c.square === 'last' && c.position === 'wholeSquare' && c.mirror);
    expect(lastWhole.resizedRect).toEqual({ x: 85, y: 0, width: 256, height: 256 });
    const big = cropPlan(144, 500, 375, 224).scales[3];
    // 500·352/375 = 469.33 → 469; the bottom-right crop of the last square starts at 469 − 224.
    const br = found(big.crops, (c) => c.square === 'last' && c.position === 'bottomRight' && !c.mirror);
    expect(br.resizedRect).toEqual({ x: 245, y: 128, width: 224, height: 224 });
  });

  it('slides the squares vertically for a portrait image', () => {
    const g = cropPlan(144, 375, 500, 224).scales[0];
    expect([g.resizedWidthPx, g.resizedHeightPx]).toEqual([256, 341]);
    const squares = g.crops.filter((c) => c.position === 'wholeSquare' && !c.mirror).map((c) => c.resizedRect);
    expect(squares).toEqual([0, 42, 85].map((y) => ({ x: 0, y, width: 256, height: 256 })));
  });

  it('takes the centre crop and 10 crops at shorter side 256', () => {
    const one = planCrops(cropPlan(1, 500, 375, 224));
    expect(one).toHaveLength(1);
    expect(one[0].resizedRect).toEqual({ x: 58, y: 16, width: 224, height: 224 }); // floor(117/2) = 58
    const ten = planCrops(cropPlan(10, 500, 375, 224)).filter((c) => !c.mirror).map((c) => [c.position, c.resizedRect.x, c.resizedRect.y]);
    expect(ten).toEqual([
      ['topLeft', 0, 0],
      ['topRight', 117, 0],
      ['bottomLeft', 0, 32],
      ['bottomRight', 117, 32],
      ['center', 58, 16],
    ]);
  });

  it('rejects bad sizes with a clear message', () => {
    expect(() => cropPlan(144, 0, 10, 224)).toThrow(/originalWidthPx must be a positive integer/);
    expect(() => cropPlan(7 as CropScheme, 10, 10, 224)).toThrow(/unknown crop scheme 7/);
  });
});
