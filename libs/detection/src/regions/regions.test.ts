import { Rng } from '@googlenet/util';
import { describe, expect, it } from 'vitest';
import { sampleBatch, type PreparedImage } from '../pipeline/finetune.js';
import type { RgbImage } from '../selective-search/image.js';
import { labelRegions } from './region-labels.js';
import { defaultContextPx, warpRegion } from './warp.js';
import { buildGoogLeNet } from '@googlenet/model';
import { buildDetectorModel } from './detector-model.js';

const MEAN = [100, 50, 25] as const;

/** Pixel (x, y) has RGB (x, y, 7): easy to check sampled positions. */
function ramp(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 7], 3 * (y * width + x));
  return { width, height, data };
}

describe('warpRegion', () => {
  it('samples the box at pixel centres with no context', () => {
    const img = ramp(50, 40);
    const out = new Float32Array(4 * 4 * 3);
    // A 8×8 box warped to 4×4: output pixel u samples source x = xmin + 2u + 0.5 (between two pixels).
    warpRegion(img, { xmin: 10, ymin: 20, xmax: 17, ymax: 27 }, { inputSizePx: 4, contextPx: 0, meanRgb: MEAN }, out, 0);
    expect(out[0]).toBeCloseTo(10.5 - 100, 5);
    expect(out[1]).toBeCloseTo(20.5 - 50, 5);
    expect(out[2]).toBeCloseTo(7 - 25, 5);
    const last = 3 * 15;
    expect(out[last]).toBeCloseTo(16.5 - 100, 5);
    expect(out[last + 1]).toBeCloseTo(26.5 - 50, 5);
  });

  it('adds context and pads outside the image with the mean (0 after subtraction)', () => {
    const img = ramp(20, 20);
    const S = 8;
    const out = new Float32Array(S * S * 3).fill(NaN);
    // Box 0..7 with 2 warped px of context: box occupies 4 warped px → 2 source px per warped px,
    // so context reaches 4 source px left of x = 0: the first two columns are padding.
    warpRegion(img, { xmin: 0, ymin: 0, xmax: 7, ymax: 7 }, { inputSizePx: S, contextPx: 2, meanRgb: MEAN }, out, 0);
    expect([out[0], out[1], out[2]]).toEqual([0, 0, 0]);
    const centre = 3 * (4 * S + 4); // warped (4, 4) → source 0 + (4 − 2 + 0.5)·2 − 0.5 = 4.5
    expect(out[centre]).toBeCloseTo(4.5 - 100, 5);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('scales R-CNN context with the input size', () => {
    expect(defaultContextPx(224)).toBe(16);
    expect(defaultContextPx(112)).toBe(8);
  });
});

describe('region labels and balanced batches', () => {
  const gt = [{ wnid: 'cat', xmin: 0, ymin: 0, xmax: 99, ymax: 99 }, { wnid: 'other', xmin: 200, ymin: 200, xmax: 299, ymax: 299 }];
  const classIndex = new Map([['cat', 0]]);

  it('labels by IoU: ≥ 0.5 class, < 0.3 background, between ignored; ground truth added', () => {
    const props = [
      { xmin: 0, ymin: 0, xmax: 99, ymax: 79 }, // IoU 0.8 with cat → 1
      { xmin: 0, ymin: 0, xmax: 99, ymax: 39 }, // IoU 0.4 → ignored
      { xmin: 0, ymin: 0, xmax: 99, ymax: 19 }, // IoU 0.2 → background
      { xmin: 200, ymin: 200, xmax: 299, ymax: 299 }, // a box of a class we do not detect → neither
      { xmin: 500, ymin: 500, xmax: 520, ymax: 520 }, // nothing → background
    ];
    const { foreground, background } = labelRegions(props, gt, classIndex);
    expect(foreground.map((r) => [r.box.ymax, r.label])).toEqual([
      [99, 1],
      [79, 1],
    ]);
    expect(background.map((r) => r.box.ymax)).toEqual([19, 520]);
  });

  it('draws a quarter foreground, the rest background, deterministically', () => {
    const img = {} as PreparedImage['image'];
    const region = (label: number, i: number) => ({ box: { xmin: i, ymin: 0, xmax: i + 5, ymax: 5 }, label });
    const prepared: PreparedImage[] = [
      { image: img, foreground: [region(1, 0), region(2, 1)], background: Array.from({ length: 40 }, (_, i) => region(0, i)) },
    ];
    const a = sampleBatch(prepared, 16, 0.25, new Rng(3));
    expect(a).toHaveLength(16);
    expect(a.filter((r) => r.region.label > 0)).toHaveLength(4); // 2 foreground drawn with replacement
    expect(sampleBatch(prepared, 16, 0.25, new Rng(3))).toEqual(a);
    const noFg = sampleBatch([{ ...prepared[0], foreground: [] }], 8, 0.25, new Rng(1));
    expect(noFg.every((r) => r.region.label === 0)).toBe(true);
  });
});

describe('buildDetectorModel', () => {
  it('initialises the new head the same way every time, seed 0 included (tfjs reads seed 0 as none)', () => {
    const heads = [0, 0, 7].map((seed) => {
      const classifier = buildGoogLeNet({ numClasses: 5, inputSize: 64, width: 0.125, auxHeads: false, seed: 3 });
      const model = buildDetectorModel(classifier, 4, { auxHeads: false, seed });
      const kernel = Array.from(model.getLayer('main_det_logits').getWeights()[0]!.dataSync());
      model.dispose();
      return kernel;
    });
    expect(heads[1]).toEqual(heads[0]);
    expect(heads[2]).not.toEqual(heads[0]);
  });
});
