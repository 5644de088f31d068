import { describe, expect, it } from 'vitest';
import { Rng } from '@googlenet/util';
import { centerCropBox, sampleCropBox } from './crop.js';
import { DEFAULT_AUGMENT } from './config.js';

describe('sampleCropBox', () => {
  it('keeps area in [8%, 100%] and aspect in [3/4, 4/3] over many draws (up to pixel rounding)', () => {
    const rng = new Rng(7);
    const [W, H] = [500, 375];
    let fallbacks = 0;
    let minFrac = 1;
    let maxFrac = 0;
    for (let i = 0; i < 3000; i++) {
      const b = sampleCropBox(rng, W, H, DEFAULT_AUGMENT);
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.top).toBeGreaterThanOrEqual(0);
      expect(b.left + b.width).toBeLessThanOrEqual(W);
      expect(b.top + b.height).toBeLessThanOrEqual(H);
      const frac = (b.width * b.height) / (W * H);
      // Rounding each side by ≤ 0.5 px moves the area by at most (w + h)/2 + 1/4 px².
      const slack = (b.width + b.height + 1) / 2 / (W * H);
      expect(frac).toBeGreaterThanOrEqual(0.08 - slack);
      expect(frac).toBeLessThanOrEqual(1);
      // The unrounded box (each side within 0.5 px of this one) has its aspect in range.
      expect((b.width + 0.5) / (b.height - 0.5)).toBeGreaterThanOrEqual(3 / 4);
      expect((b.width - 0.5) / (b.height + 0.5)).toBeLessThanOrEqual(4 / 3);
      if (b.width === 375 && b.height === 375 && b.left === 62) fallbacks++;
      minFrac = Math.min(minFrac, frac);
      maxFrac = Math.max(maxFrac, frac);
    }
    // The draws cover the range, not one corner of it.
    expect(minFrac).toBeLessThan(0.1);
    expect(maxFrac).toBeGreaterThan(0.7);
    expect(fallbacks).toBeLessThan(30);
  });

  it('is reproducible from the seed', () => {
    const a = sampleCropBox(new Rng(3), 640, 480, DEFAULT_AUGMENT);
    const b = sampleCropBox(new Rng(3), 640, 480, DEFAULT_AUGMENT);
    expect(a).toEqual(b);
  });

  it('falls back to the largest centred crop with clamped aspect when nothing fits', () => {
    // 1000×10: every 3/4..4/3 patch of ≥ 8% area (≥ 800 px² → side ≥ ~24) is taller than 10.
    const b = sampleCropBox(new Rng(1), 1000, 10, DEFAULT_AUGMENT);
    expect(b).toEqual({ left: 493, top: 0, width: 13, height: 10 }); // round(10·4/3) = 13, (1000−13)/2 = 493.5
    expect(centerCropBox(300, 300, 0.75, 4 / 3)).toEqual({ left: 0, top: 0, width: 300, height: 300 });
  });
});
