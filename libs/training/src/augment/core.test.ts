import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@googlenet/util';
import type { Interpolation } from './config.js';
import { AugmentKernel, augmentInto, fixedPointWeights, jpegDecoderName, jpegHeader, resampleCoefficients, type KernelJob } from './core.mjs';
import {
  addPerChannel,
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  clampToByteRange,
  flipHorizontal,
  pcaLightingOffset,
  subtractMean,
} from './photometric.js';

/** Row i of a coefficient table as {source pixel: weight}, rounded to 6 digits. */
function row(c: ReturnType<typeof resampleCoefficients>, i: number): Record<number, number> {
  const r: Record<number, number> = {};
  for (let k = 0; k < c.count[i]!; k++) r[c.start[i]! + k] = +c.weights[i * c.taps + k]!.toFixed(6);
  return r;
}

describe('resampleCoefficients (hand-computed cases)', () => {
  it('nearest takes the pixel under each output centre', () => {
    const c = resampleCoefficients(4, 2, 'nearest'); // centres at 1.0 and 3.0
    expect([row(c, 0), row(c, 1)]).toEqual([{ 1: 1 }, { 3: 1 }]);
    const up = resampleCoefficients(2, 4, 'nearest'); // centres 0.25, 0.75, 1.25, 1.75
    expect([0, 1, 2, 3].map((i) => row(up, i))).toEqual([{ 0: 1 }, { 0: 1 }, { 1: 1 }, { 1: 1 }]);
  });

  it('area: overlap lengths when shrinking (OpenCV INTER_AREA)', () => {
    expect(row(resampleCoefficients(4, 2, 'area'), 0)).toEqual({ 0: 0.5, 1: 0.5 });
    // 3 → 2: output 0 covers [0, 1.5): all of pixel 0, half of pixel 1 → 2/3, 1/3.
    const c = resampleCoefficients(3, 2, 'area');
    expect(row(c, 0)).toEqual({ 0: 0.666667, 1: 0.333333 });
    expect(row(c, 1)).toEqual({ 1: 0.333333, 2: 0.666667 });
  });

  it('bilinear enlarging interpolates between neighbours; shrinking widens the triangle (antialias)', () => {
    const up = resampleCoefficients(2, 4, 'bilinear'); // centre of output 1 at 0.75 → 0.75·p0 + 0.25·p1
    expect(row(up, 0)).toEqual({ 0: 1 });
    expect(row(up, 1)).toEqual({ 0: 0.75, 1: 0.25 });
    // 4 → 2, output 0 (centre 1.0, triangle of half-width 2): pixels 0, 1, 2 at distances
    // 0.5, 0.5, 1.5 → tent(0.25), tent(0.25), tent(0.75) = 0.75, 0.75, 0.25 → /1.75.
    expect(row(resampleCoefficients(4, 2, 'bilinear'), 0)).toEqual({ 0: 0.428571, 1: 0.428571, 2: 0.142857 });
  });

  it('cubic is Keys a = −0.5', () => {
    // 2× enlargement, output 1 (centre 0.75): pixels 0..2 (support 2, clipped at the border 0) at
    // distances 0.25, 0.75, 1.75: (1.5t − 2.5)t² + 1 → 0.8671875, 0.2265625; −0.5((t − 5)t + 8)t + 2
    // → −0.0234375 (sum 1.0703125), normalised.
    const c = resampleCoefficients(4, 8, 'cubic');
    const w = [0.8671875, 0.2265625, -0.0234375];
    const sum = w.reduce((a, b) => a + b);
    expect(row(c, 1)).toEqual({ 0: +(w[0]! / sum).toFixed(6), 1: +(w[1]! / sum).toFixed(6), 2: +(w[2]! / sum).toFixed(6) });
  });

  it('every row sums to 1, sizes equal gives the identity, mirror reverses', () => {
    for (const interp of ['nearest', 'bilinear', 'area', 'cubic'] as Interpolation[]) {
      for (const [a, b] of [
        [37, 16],
        [16, 37],
        [500, 224],
        [7, 7],
      ] as const) {
        const c = resampleCoefficients(a, b, interp);
        for (let i = 0; i < b; i++) {
          let s = 0;
          for (let k = 0; k < c.count[i]!; k++) s += c.weights[i * c.taps + k]!;
          expect(s).toBeCloseTo(1, 5);
          expect(c.start[i]).toBeGreaterThanOrEqual(0);
          expect(c.start[i]! + c.count[i]!).toBeLessThanOrEqual(a);
        }
        const m = resampleCoefficients(a, b, interp, true);
        for (let i = 0; i < b; i++) expect(row(m, i)).toEqual(row(c, b - 1 - i));
      }
      const id = resampleCoefficients(7, 7, interp);
      expect(Array.from(fixedPointWeights(id)).filter((w) => w !== 0)).toEqual(Array(7).fill(16384));
      for (let i = 0; i < 7; i++) expect(Object.entries(row(id, i)).filter(([, w]) => w !== 0)).toEqual([[String(i), 1]]);
    }
  });
});

describe('fixedPointWeights (the vertical pass runs in int16 with 14 fractional bits)', () => {
  it('rows sum to exactly 2^14 and each weight is within rounding of the float one', () => {
    for (const interp of ['bilinear', 'area', 'cubic'] as Interpolation[])
      for (const [a, b] of [
        [375, 224],
        [122, 224],
        [3, 2],
      ] as const) {
        const c = resampleCoefficients(a, b, interp);
        const q = fixedPointWeights(c);
        for (let i = 0; i < b; i++) {
          let sum = 0;
          for (let k = 0; k < c.count[i]!; k++) {
            sum += q[i * c.taps + k]!;
            // rounding (½ step) plus, on one weight, the row's rounding residual (≤ ½ step per tap)
            expect(Math.abs(q[i * c.taps + k]! / 16384 - c.weights[i * c.taps + k]!)).toBeLessThanOrEqual((0.5 + c.count[i]! / 2) / 16384);
          }
          expect(sum).toBe(16384);
        }
      }
  });
});

/**
 * The reference: float64 (the vertical weights as the kernel's fixed-point ones), one pass per step, the pure functions of photometric.ts, flip as a
 * separate mirror of the finished image (the kernel mirrors the coefficients instead).
 */
function reference(src: Uint8Array, width: number, job: KernelJob, lightingAlpha: [number, number, number], mean: number[]): Float32Array {
  const { crop, sizePx: n } = job;
  const h = resampleCoefficients(crop.width, n, job.interpolation);
  const v = resampleCoefficients(crop.height, n, job.interpolation);
  const vWeights = Float64Array.from(fixedPointWeights(v), (q) => q / 16384); // exactly what the kernel uses
  let img: Float32Array = new Float32Array(n * n * 3);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let j = 0; j < v.count[y]!; j++)
          for (let i = 0; i < h.count[x]!; i++) {
            const sy = crop.top + v.start[y]! + j;
            const sx = crop.left + h.start[x]! + i;
            acc += vWeights[y * v.taps + j]! * h.weights[x * h.taps + i]! * src[(sy * width + sx) * 3 + c]!;
          }
        img[(y * n + x) * 3 + c] = acc;
      }
  img = clampToByteRange(img);
  if (job.flip) img = flipHorizontal(img, n, n);
  img = adjustBrightness(img, job.brightness);
  img = adjustContrast(img, job.contrast);
  img = adjustSaturation(img, job.saturation);
  img = clampToByteRange(img);
  img = addPerChannel(img, pcaLightingOffset(lightingAlpha));
  return subtractMean(img, mean);
}

describe('AugmentKernel (augment.wasm) against the float64 reference', () => {
  it('crop, every interpolation, flip, colour and mean, shrinking and enlarging', () => {
    const rng = new Rng(3);
    const [W, H] = [37, 29];
    const kernel = new AugmentKernel();
    const src = Uint8Array.from({ length: W * H * 3 }, () => rng.int(256));
    const mean = [123.68, 116.779, 103.939];
    let cases = 0;
    for (const interpolation of ['nearest', 'bilinear', 'area', 'cubic'] as Interpolation[])
      for (const [crop, sizePx] of [
        [{ left: 3, top: 2, width: 30, height: 25 }, 16],
        [{ left: 0, top: 0, width: 37, height: 29 }, 13],
        [{ left: 20, top: 9, width: 11, height: 14 }, 24],
      ] as const)
        for (const flip of [false, true]) {
          const lightingAlpha: [number, number, number] = [rng.normal() * 0.1, rng.normal() * 0.1, rng.normal() * 0.1];
          const light = pcaLightingOffset(lightingAlpha);
          const job: KernelJob = {
            crop,
            interpolation,
            flip,
            brightness: rng.uniform(0.6, 1.4),
            contrast: rng.uniform(0.6, 1.4),
            saturation: rng.uniform(0.6, 1.4),
            add: [light[0] - mean[0]!, light[1] - mean[1]!, light[2] - mean[2]!],
            sizePx,
          };
          kernel.sourceView(src.length).set(src);
          const out = new Float32Array(5 + sizePx * sizePx * 3).fill(-999);
          kernel.run(W, H, job, out, 5);
          expect(Array.from(out.subarray(0, 5))).toEqual([-999, -999, -999, -999, -999]);
          const want = reference(src, W, job, lightingAlpha, mean);
          let worst = 0;
          want.forEach((w, i) => (worst = Math.max(worst, Math.abs(w - out[5 + i]!))));
          expect(worst, `${interpolation} ${JSON.stringify(crop)} → ${sizePx} flip ${flip}`).toBeLessThan(2e-3);
          cases++;
        }
    expect(cases).toBe(24);
  });

  it('rejects a crop outside the image', () => {
    const kernel = new AugmentKernel();
    kernel.sourceView(10 * 10 * 3);
    const job: KernelJob = { crop: { left: 5, top: 0, width: 6, height: 4 }, interpolation: 'nearest', flip: false, brightness: 1, contrast: 1, saturation: 1, add: [0, 0, 0], sizePx: 4 };
    expect(() => kernel.run(10, 10, job, new Float32Array(48), 0)).toThrow(/outside the 10×10 image/);
  });

  it('augment.wasm is built from augment.c as committed (rebuild with kernel/build.sh)', () => {
    const sourceHash = createHash('sha256').update(readFileSync(new URL('./kernel/augment.c', import.meta.url))).digest('hex');
    expect(readFileSync(new URL('./kernel/augment.c.sha256', import.meta.url), 'utf8').trim()).toBe(sourceHash);
  });
});

describe('decoding', () => {
  let rgbJpeg: Uint8Array;
  let grayJpeg: Uint8Array;
  let cmykJpeg: Uint8Array;
  let png: Uint8Array;
  const [W, H] = [48, 32];
  beforeAll(async () => {
    const raw = Buffer.alloc(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) raw.set([40 + 4 * x, 30 + 5 * y, 200 - 2 * x], (y * W + x) * 3);
    const img = () => sharp(raw, { raw: { width: W, height: H, channels: 3 } });
    rgbJpeg = new Uint8Array(await img().jpeg({ quality: 95 }).toBuffer());
    grayJpeg = new Uint8Array(await img().toColourspace('b-w').jpeg({ quality: 95 }).toBuffer());
    cmykJpeg = new Uint8Array(await img().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer());
    png = new Uint8Array(await img().png().toBuffer());
  });

  const identity = (sizePx: number): KernelJob => ({
    crop: { left: 0, top: 0, width: W, height: H },
    interpolation: 'nearest',
    flip: false,
    brightness: 1,
    contrast: 1,
    saturation: 1,
    add: [0, 0, 0],
    sizePx,
  });

  it('reads size and components from the JPEG header; not a JPEG → null', () => {
    expect(jpegHeader(rgbJpeg)).toEqual({ width: W, height: H, components: 3 });
    expect(jpegHeader(grayJpeg)).toEqual({ width: W, height: H, components: 1 });
    expect(jpegHeader(cmykJpeg)).toEqual({ width: W, height: H, components: 4 });
    expect(jpegHeader(png)).toBeNull();
    expect(jpegHeader(Uint8Array.from([0xff, 0xd8, 0xff]))).toBeNull();
  });

  it.skipIf(jpegDecoderName() !== 'libjpeg-turbo')('the libjpeg-turbo and sharp paths give the same pixels', async () => {
    const kernel = new AugmentKernel();
    // Output the size of the image with nearest: the decoded pixels themselves, as floats.
    const job = { ...identity(0), crop: { left: 0, top: 0, width: W, height: W > H ? H : W } };
    job.sizePx = job.crop.height; // a square crop, unscaled
    const a = new Float32Array(job.sizePx ** 2 * 3);
    const b = new Float32Array(a.length);
    await augmentInto(kernel, rgbJpeg, job, a, 0);
    await augmentInto(kernel, rgbJpeg, job, b, 0, 'sharp');
    // Both run libjpeg-turbo's accurate IDCT; the region decode is pixel-exact (turbojpeg.test.ts).
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('grayscale, CMYK and PNG come out as RGB', async () => {
    const kernel = new AugmentKernel();
    const job = { ...identity(0), crop: { left: 0, top: 0, width: H, height: H }, sizePx: H };
    const at = (px: Float32Array, x: number, y: number) => Array.from(px.subarray((y * H + x) * 3, (y * H + x) * 3 + 3));
    const expected = (x: number, y: number) => [40 + 4 * x, 30 + 5 * y, 200 - 2 * x];
    for (const [name, bytes, tolerance] of [
      ['png', png, 0],
      ['jpeg', rgbJpeg, 6],
    ] as const) {
      const out = new Float32Array(H * H * 3);
      await augmentInto(kernel, bytes, job, out, 0);
      for (const [x, y] of [
        [3, 4],
        [20, 25],
      ] as const)
        at(out, x, y).forEach((v, c) => expect(Math.abs(v - expected(x, y)[c]!), `${name} (${x},${y}) channel ${c}`).toBeLessThanOrEqual(tolerance));
    }
    // CMYK goes through sharp's colour management (libjpeg-turbo is not asked): the same pixels.
    const cmyk = new Float32Array(H * H * 3);
    await augmentInto(kernel, cmykJpeg, job, cmyk, 0);
    const viaSharp = await sharp(cmykJpeg).toColourspace('srgb').raw().toBuffer();
    for (const [x, y] of [
      [3, 4],
      [20, 25],
    ] as const)
      expect(at(cmyk, x, y)).toEqual(Array.from(viaSharp.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)));
    const gray = new Float32Array(H * H * 3);
    await augmentInto(kernel, grayJpeg, job, gray, 0);
    const [r, g, b] = at(gray, 10, 10);
    expect(r).toBe(g);
    expect(g).toBe(b);
  });

  it('a decoded size that differs from the record is an error', async () => {
    const kernel = new AugmentKernel();
    const job = { ...identity(8), expectWidth: W + 1, expectHeight: H };
    await expect(augmentInto(kernel, rgbJpeg, job, new Float32Array(8 * 8 * 3), 0)).rejects.toThrow(/decoded 48×32, but the record says 49×32/);
    await expect(augmentInto(kernel, Uint8Array.from([1, 2, 3]), identity(8), new Float32Array(8 * 8 * 3), 0)).rejects.toThrow();
  });
});
