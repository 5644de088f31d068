import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@googlenet/util';
import { DEFAULT_AUGMENT, type AugmentConfig } from './config.js';
import { augmentImage, centerCropImage, imageSize } from './image.js';

const NO_COLOUR = { brightness: 0, contrast: 0, saturation: 0, pcaLightingStd: 0 };
const WHOLE_IMAGE: AugmentConfig = { ...DEFAULT_AUGMENT, ...NO_COLOUR, minAreaFraction: 1, maxAreaFraction: 1, interpolations: ['nearest'] };

/** 40×20 PNG: left half red, right half blue (lossless, so colours are exact). */
let redBlue: Uint8Array;
let gray: Uint8Array;
beforeAll(async () => {
  const raw = Buffer.alloc(40 * 20 * 3);
  for (let y = 0; y < 20; y++)
    for (let x = 0; x < 40; x++) raw.set(x < 20 ? [255, 0, 0] : [0, 0, 255], (y * 40 + x) * 3);
  redBlue = await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } }).png().toBuffer();
  gray = await sharp({ create: { width: 50, height: 30, channels: 3, background: { r: 100, g: 100, b: 100 } } }).jpeg().toBuffer();
});

const pixel = (px: Float32Array, size: number, x: number, y: number) => Array.from(px.subarray((y * size + x) * 3, (y * size + x) * 3 + 3));

describe('augmentImage (sharp crop/resize + JS photometric)', () => {
  it('resizes to the input size and mirrors when the flip is drawn', async () => {
    const kept = await augmentImage(redBlue, new Rng(1), { ...WHOLE_IMAGE, flipProbability: 0 }, 16, [0, 0, 0]);
    const flipped = await augmentImage(redBlue, new Rng(1), { ...WHOLE_IMAGE, flipProbability: 1 }, 16, [0, 0, 0]);
    expect(kept.pixels.length).toBe(16 * 16 * 3);
    expect(pixel(kept.pixels, 16, 0, 8)).toEqual([255, 0, 0]);
    expect(pixel(kept.pixels, 16, 15, 8)).toEqual([0, 0, 255]);
    expect(pixel(flipped.pixels, 16, 0, 8)).toEqual([0, 0, 255]);
    expect(pixel(flipped.pixels, 16, 15, 8)).toEqual([255, 0, 0]);
  });

  it('subtracts the mean and is reproducible from the seed', async () => {
    const mean = [10, 20, 30];
    const a = await augmentImage(redBlue, new Rng(9), { ...DEFAULT_AUGMENT }, 24, mean);
    const b = await augmentImage(redBlue, new Rng(9), { ...DEFAULT_AUGMENT }, 24, mean);
    expect(a.pixels).toEqual(b.pixels);
    const c = await augmentImage(gray, new Rng(2), WHOLE_IMAGE, 8, mean);
    for (let i = 0; i < c.pixels.length; i += 3) expect([c.pixels[i], c.pixels[i + 1], c.pixels[i + 2]]).toEqual([90, 80, 70]);
  });

  it('centre crop for validation: shorter side to size·256/224, centred square, mean-subtracted', async () => {
    const c = await centerCropImage(gray, 14, [100, 100, 100]);
    expect(c.pixels.length).toBe(14 * 14 * 3);
    expect(Math.max(...c.pixels.map(Math.abs))).toBe(0);
    // on red|blue the centred square straddles the boundary: left red, right blue
    const rb = await centerCropImage(redBlue, 14, [0, 0, 0]);
    expect(pixel(rb.pixels, 14, 0, 7)).toEqual([255, 0, 0]);
    expect(pixel(rb.pixels, 14, 13, 7)).toEqual([0, 0, 255]);
    expect(await imageSize(redBlue)).toEqual({ width: 40, height: 20 });
  });
});
