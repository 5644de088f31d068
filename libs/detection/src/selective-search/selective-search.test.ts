import { Rng } from '@googlenet/util';
import { describe, expect, it } from 'vitest';
import { iou, type Rect } from '../boxes.js';
import { rgbToHsv, rgbToLab } from './colour-spaces.js';
import { felzenszwalbSegment } from './felzenszwalb.js';
import { hierarchicalGrouping } from './hierarchical-grouping.js';
import type { RgbImage } from './image.js';
import { PairHeap } from './max-heap.js';
import { computePixelBins, computeRegionTable } from './region-features.js';
import { convertColourSpace } from './colour-spaces.js';
import { selectiveSearch } from './selective-search.js';

/** A background with flat rectangles painted on it, plus optional seeded noise. */
function paint(width: number, height: number, background: number[], rects: { r: Rect; rgb: number[] }[], noise = 0, seed = 1): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const rng = new Rng(seed);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let rgb = background;
      for (const { r, rgb: c } of rects) if (x >= r.xmin && x <= r.xmax && y >= r.ymin && y <= r.ymax) rgb = c;
      for (let c = 0; c < 3; c++) data[3 * (y * width + x) + c] = Math.max(0, Math.min(255, Math.round(rgb[c] + noise * rng.normal())));
    }
  }
  return { width, height, data };
}

const RED = { xmin: 8, ymin: 10, xmax: 30, ymax: 40 };
const GREEN = { xmin: 44, ymin: 20, xmax: 70, ymax: 44 };
const twoRects = () => paint(80, 56, [70, 110, 180], [{ r: RED, rgb: [220, 40, 30] }, { r: GREEN, rgb: [40, 200, 70] }], 6);

describe('colour spaces', () => {
  it('converts known colours', () => {
    expect(rgbToHsv(255, 0, 0)).toEqual([0, 1, 255]);
    expect(rgbToHsv(0, 0, 255)[0]).toBeCloseTo(2 / 3, 12);
    const white = rgbToLab(255, 255, 255);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(white[1]).toBeCloseTo(0, 2);
    expect(white[2]).toBeCloseTo(0, 2);
    // sRGB red in CIE Lab (D65): 53.24, 80.09, 67.20 (standard published values)
    const red = rgbToLab(255, 0, 0);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });
});

describe('Felzenszwalb–Huttenlocher segmentation', () => {
  it('finds exactly the flat regions of a noiseless image', () => {
    const img = paint(40, 30, [0, 0, 0], [{ r: { xmin: 5, ymin: 5, xmax: 14, ymax: 14 }, rgb: [255, 0, 0] }, { r: { xmin: 20, ymin: 5, xmax: 34, ymax: 24 }, rgb: [0, 255, 0] }]);
    const seg = felzenszwalbSegment(convertColourSpace(img, 'rgb'), { sigma: 0, k: 50, minSizePx: 1 });
    expect(seg.count).toBe(3);
    expect(seg.labels[0]).toBe(0); // background first (row-major first appearance)
    expect(seg.labels[6 * 40 + 6]).toBe(seg.labels[14 * 40 + 14]);
    expect(seg.labels[6 * 40 + 6]).not.toBe(seg.labels[6 * 40 + 21]);
  });

  it('merges components smaller than minSize into a neighbour', () => {
    const img = paint(20, 20, [0, 0, 0], [{ r: { xmin: 3, ymin: 3, xmax: 4, ymax: 4 }, rgb: [255, 255, 255] }]);
    const rgb = convertColourSpace(img, 'rgb');
    expect(felzenszwalbSegment(rgb, { sigma: 0, k: 10, minSizePx: 1 }).count).toBe(2);
    expect(felzenszwalbSegment(rgb, { sigma: 0, k: 10, minSizePx: 5 }).count).toBe(1); // the 4-pixel dot is absorbed
  });

  it('makes fewer, larger regions as k grows', () => {
    const img = paint(60, 40, [120, 120, 120], [], 40, 3);
    const rgb = convertColourSpace(img, 'rgb');
    const small = felzenszwalbSegment(rgb, { sigma: 0.8, k: 50, minSizePx: 1 }).count;
    const large = felzenszwalbSegment(rgb, { sigma: 0.8, k: 400, minSizePx: 1 }).count;
    expect(large).toBeLessThan(small);
  });
});

describe('hierarchical grouping', () => {
  it('builds 2R−1 regions ending with the whole image', () => {
    const img = twoRects();
    const planar = convertColourSpace(img, 'hsv');
    const seg = felzenszwalbSegment(planar, { sigma: 0.8, k: 50, minSizePx: 20 });
    const table = computeRegionTable(seg, computePixelBins(planar));
    const regions = hierarchicalGrouping(table, img.width * img.height, { colour: true, texture: true, size: true, fill: true });
    expect(regions).toHaveLength(2 * seg.count - 1);
    expect(regions.at(-1)).toMatchObject({ xmin: 0, ymin: 0, xmax: 79, ymax: 55, created: 2 * seg.count - 2 });
    // Histograms of initial regions are L1-normalised.
    const c0 = table.colourHist.subarray(0, table.colourDims).reduce((s, v) => s + v, 0);
    expect(c0).toBeCloseTo(1, 5);
  });

  it('pops pairs by similarity, ties by smaller ids', () => {
    const heap = new PairHeap(2);
    const pairs: [number, number, number][] = [[0.5, 3, 4], [0.9, 1, 2], [0.5, 1, 9], [0.1, 0, 1], [0.9, 0, 7]];
    for (const p of pairs) heap.push(...p);
    const out: [number, number, number][] = [];
    while (heap.size > 0) out.push(heap.pop()!);
    expect(out).toEqual([[0.9, 0, 7], [0.9, 1, 2], [0.5, 1, 9], [0.5, 3, 4], [0.1, 0, 1]]);
  });
});

describe('selective search', () => {
  const best = (boxes: Rect[], target: Rect) => Math.max(...boxes.map((b) => iou(b, target)));

  it('proposes both flat rectangles at IoU > 0.9', () => {
    for (const mode of ['single', 'fast'] as const) {
      const boxes = selectiveSearch(twoRects(), { mode });
      expect(best(boxes, RED)).toBeGreaterThan(0.9);
      expect(best(boxes, GREEN)).toBeGreaterThan(0.9);
    }
  });

  it('is deterministic, de-duplicated, inside the image, and seed-ranked', () => {
    const img = twoRects();
    const a = selectiveSearch(img, { mode: 'fast', seed: 5 });
    expect(selectiveSearch(img, { mode: 'fast', seed: 5 })).toEqual(a);
    expect(new Set(a.map((b) => `${b.xmin},${b.ymin},${b.xmax},${b.ymax}`)).size).toBe(a.length);
    for (const b of a) {
      expect(b.xmin).toBeGreaterThanOrEqual(0);
      expect(b.ymax).toBeLessThan(img.height);
      expect(b.xmin).toBeLessThanOrEqual(b.xmax);
    }
    const other = selectiveSearch(img, { mode: 'fast', seed: 6 });
    expect(other).not.toEqual(a); // another random ranking …
    const key = (bs: Rect[]) => bs.map((b) => `${b.xmin},${b.ymin},${b.xmax},${b.ymax}`).sort();
    expect(key(other)).toEqual(key(a)); // … of the same boxes
    expect(selectiveSearch(img, { mode: 'fast', seed: 5, maxProposals: 7 })).toEqual(a.slice(0, 7));
  });

  it('gives fewer proposals with doubled superpixel size (kScale 2) and more in quality mode', () => {
    const img = paint(96, 72, [128, 128, 128], [{ r: RED, rgb: [220, 40, 30] }, { r: GREEN, rgb: [40, 200, 70] }], 30, 9);
    const fast = selectiveSearch(img, { mode: 'fast' }).length;
    expect(selectiveSearch(img, { mode: 'fast', kScale: 2 }).length).toBeLessThan(fast);
    expect(selectiveSearch(img, { mode: 'quality' }).length).toBeGreaterThan(fast);
  });

  it('rejects a malformed image with a clear message', () => {
    expect(() => selectiveSearch({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(/expected 48 bytes/);
  });
});
