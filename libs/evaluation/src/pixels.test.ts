import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeResized } from './decode.js';
import { cropPlan, planCrops } from './geometry.js';
import { writeCrop, type RawRgbImage } from './pixels.js';

/** A w×h image whose pixel (x, y) is (x + 10·y, 100 + x, 200 − y). */
function gradient(w: number, h: number): RawRgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x + 10 * y, 100 + x, 200 - y], (y * w + x) * 3);
  return { data, width: w, height: h };
}

const ZERO_MEAN = [0, 0, 0] as const;

describe('cutting crops from a raw RGB buffer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('copies a same-size crop, subtracts the mean and mirrors by hand', () => {
    const img = gradient(5, 4);
    const out = new Float32Array(2 + 2 * 2 * 3);
    writeCrop(img, { x: 2, y: 1, width: 2, height: 2 }, 2, false, [1, 2, 3], out, 2);
    // pixels (2,1) (3,1) / (2,2) (3,2), each minus (1, 2, 3)
    expect(Array.from(out)).toEqual([0, 0, 11, 100, 196, 12, 101, 196, 21, 100, 195, 22, 101, 195]);
    writeCrop(img, { x: 2, y: 1, width: 2, height: 2 }, 2, true, ZERO_MEAN, out, 0);
    expect(Array.from(out.subarray(0, 12))).toEqual([13, 103, 199, 12, 102, 199, 23, 103, 198, 22, 102, 198]);
  });

  it('resizes a 2×2 square to 1×1 as the mean of its four pixels', () => {
    const out = new Float32Array(3);
    writeCrop(gradient(2, 2), { x: 0, y: 0, width: 2, height: 2 }, 1, false, ZERO_MEAN, out, 0);
    // (0,100,200) (1,101,200) (10,100,199) (11,101,199)
    expect(Array.from(out)).toEqual([5.5, 100.5, 199.5]);
  });

  it('matches tf.image.resizeBilinear with half-pixel centres, mirrored or not', () => {
    const img = gradient(13, 11);
    const rect = { x: 2, y: 1, width: 11, height: 9 };
    const size = 7;
    const expected = tf.tidy(() => {
      const t = tf.tensor3d(Float32Array.from(img.data), [11, 13, 3]).slice([rect.y, rect.x, 0], [rect.height, rect.width, 3]);
      const r = tf.image.resizeBilinear(t, [size, size], false, true);
      return [Array.from(r.dataSync()), Array.from(tf.reverse(r, 1).dataSync())];
    });
    for (const [mirror, want] of [[false, expected[0]], [true, expected[1]]] as const) {
      const out = new Float32Array(size * size * 3);
      writeCrop(img, rect, size, mirror, ZERO_MEAN, out, 0);
      want.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 3));
    }
  });

  it('refuses a crop outside the image or a short buffer', () => {
    const img = gradient(4, 4);
    expect(() => writeCrop(img, { x: 2, y: 0, width: 3, height: 3 }, 3, false, ZERO_MEAN, new Float32Array(27), 0)).toThrow(/outside the 4×4 image/);
    expect(() => writeCrop(img, { x: 0, y: 0, width: 3, height: 3 }, 3, false, ZERO_MEAN, new Float32Array(26), 0)).toThrow(/too small/);
  });
});

describe('decode once per scale, then crop', () => {
  it('matches sharp cutting and mirroring the crop itself (extract + flop)', async () => {
    const img = gradient(90, 70);
    const jpeg = new Uint8Array(await sharp(img.data, { raw: { width: 90, height: 70, channels: 3 } }).png().toBuffer());
    const raw = await decodeResized(jpeg, 60, 47, 'test image');
    const rect = { x: 13, y: 9, width: 32, height: 32 };
    const cut = await sharp(jpeg).resize(60, 47, { fit: 'fill' }).extract({ left: 13, top: 9, width: 32, height: 32 }).raw().toBuffer();
    // (A second pipeline: within one, sharp flops the whole image before extracting.)
    const bySharp = await sharp(cut, { raw: { width: 32, height: 32, channels: 3 } }).flop().raw().toBuffer();
    const ours = new Float32Array(32 * 32 * 3);
    writeCrop(raw, rect, 32, true, ZERO_MEAN, ours, 0);
    expect(Array.from(ours)).toEqual(Array.from(bySharp));
  });

  it('maps original-pixel geometry onto a stored image smaller than the original', async () => {
    // Original 200×100: left half red, right half blue. Stored downscaled to 100×50.
    const stored = new Uint8Array(100 * 50 * 3);
    for (let y = 0; y < 50; y++) for (let x = 0; x < 100; x++) stored.set(x < 50 ? [255, 0, 0] : [0, 0, 255], (y * 100 + x) * 3);
    const jpeg = new Uint8Array(await sharp(stored, { raw: { width: 100, height: 50, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
    // At 64 px: shorter side round(256·64/224) = 73 → 146×73; centre crop x = floor((146 − 64)/2) = 41,
    // so the red/blue edge (resized x 73) falls at crop column 32.
    const plan = cropPlan(1, 200, 100, 64);
    const g = plan.scales[0];
    expect([g.resizedWidthPx, g.resizedHeightPx, g.crops[0].resizedRect.x]).toEqual([146, 73, 41]);
    const raw = await decodeResized(jpeg, g.resizedWidthPx, g.resizedHeightPx, 'stored image');
    const out = new Float32Array(64 * 64 * 3);
    writeCrop(raw, planCrops(plan)[0].resizedRect, 64, false, ZERO_MEAN, out, 0);
    const row = 20;
    for (let x = 0; x < 64; x++) {
      if (Math.abs(x - 32) < 3) continue; // the blurred edge
      const [r, , b] = out.subarray((row * 64 + x) * 3, (row * 64 + x) * 3 + 3);
      expect(x < 32 ? r > 200 && b < 60 : b > 200 && r < 60).toBe(true);
    }
  });

  it('names the image when it cannot be decoded', async () => {
    await expect(decodeResized(new Uint8Array([1, 2, 3]), 10, 10, 'image 7 (val/x.JPEG)')).rejects.toThrow(/image 7 \(val\/x\.JPEG\): cannot decode/);
  });
});
