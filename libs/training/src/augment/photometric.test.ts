import { describe, expect, it } from 'vitest';
import { Rng } from '@googlenet/util';
import {
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  clampToByteRange,
  flipHorizontal,
  pcaLightingOffset,
  subtractMean,
} from './photometric.js';

function randomImage(rng: Rng, h: number, w: number): Float32Array {
  return Float32Array.from({ length: h * w * 3 }, () => Math.floor(rng.next() * 256));
}

describe('photometric distortions', () => {
  it('flip twice is the identity, and flip mirrors columns', () => {
    const img = randomImage(new Rng(1), 5, 7);
    expect(flipHorizontal(flipHorizontal(img, 5, 7), 5, 7)).toEqual(img);
    const row = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]); // 1×3 pixels
    expect(Array.from(flipHorizontal(row, 1, 3))).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3]);
  });

  it('brightness scales, factor 1 is the identity', () => {
    const img = randomImage(new Rng(2), 4, 4);
    expect(adjustBrightness(img, 1)).toEqual(img);
    expect(adjustBrightness(Float32Array.from([10, 20, 30]), 1.5)).toEqual(Float32Array.from([15, 30, 45]));
  });

  it('contrast blends with the mean luma: factor 0 gives a flat image at that luma', () => {
    // Two pixels: luma(255,0,0) = 76.245, luma(0,0,255) = 29.07 → mean 52.6575.
    const img = Float32Array.from([255, 0, 0, 0, 0, 255]);
    const flat = adjustContrast(img, 0);
    for (const v of flat) expect(v).toBeCloseTo(52.6575, 4);
    expect(adjustContrast(img, 1)).toEqual(img);
    // factor 2: 2x − mean
    expect(adjustContrast(img, 2)[0]).toBeCloseTo(2 * 255 - 52.6575, 3);
  });

  it('saturation 0 gives gray (R = G = B = luma), 1 is the identity', () => {
    const img = Float32Array.from([200, 100, 50]);
    const gray = adjustSaturation(img, 0);
    const luma = 0.299 * 200 + 0.587 * 100 + 0.114 * 50; // 124.2
    for (const v of gray) expect(v).toBeCloseTo(luma, 4);
    expect(adjustSaturation(img, 1)).toEqual(img);
  });

  it("PCA lighting uses AlexNet's eigenvalues and eigenvectors", () => {
    // alpha = (1, 0, 0): 255 · 0.2175 · first eigenvector (−0.5675, −0.5808, −0.5836).
    const [r, g, b] = pcaLightingOffset([1, 0, 0]);
    expect(r).toBeCloseTo(255 * 0.2175 * -0.5675, 6);
    expect(g).toBeCloseTo(255 * 0.2175 * -0.5808, 6);
    expect(b).toBeCloseTo(255 * 0.2175 * -0.5836, 6);
    const [r3] = pcaLightingOffset([0, 0, 2]);
    expect(r3).toBeCloseTo(255 * 2 * 0.0045 * 0.4009, 6);
  });

  it('mean subtraction and clamping', () => {
    expect(Array.from(subtractMean(Float32Array.from([124, 117, 104]), [123.68, 116.779, 103.939])).map((v) => +v.toFixed(3))).toEqual([
      0.32, 0.221, 0.061,
    ]);
    expect(Array.from(clampToByteRange(Float32Array.from([-5, 100, 300])))).toEqual([0, 100, 255]);
  });
});
