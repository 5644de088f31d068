import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@googlenet/util';
import { decodeRegion, turboJpeg, whyNoTurboJpeg } from './turbojpeg.mjs';

const [W, H] = [77, 53];
const jpegs: Record<string, Uint8Array> = {};
let reference: Record<string, Buffer> = {};

beforeAll(async () => {
  const rng = new Rng(8);
  const raw = Buffer.from(Uint8Array.from({ length: W * H * 3 }, (_, i) => (((i / 3) % W) * 3 + rng.int(60)) & 255));
  const img = () => sharp(raw, { raw: { width: W, height: H, channels: 3 } });
  jpegs['4:2:0'] = new Uint8Array(await img().jpeg({ quality: 90, chromaSubsampling: '4:2:0' }).toBuffer());
  jpegs['4:4:4'] = new Uint8Array(await img().jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer());
  jpegs['progressive'] = new Uint8Array(await img().jpeg({ quality: 80, progressive: true }).toBuffer());
  jpegs['gray'] = new Uint8Array(await img().toColourspace('b-w').jpeg({ quality: 90 }).toBuffer());
  reference = {};
  for (const [name, j] of Object.entries(jpegs)) reference[name] = await sharp(j).toColourspace('srgb').raw().toBuffer();
});

describe.skipIf(!turboJpeg())('decodeRegion (libjpeg-turbo through koffi)', () => {
  it('a whole decode equals sharp (libvips) pixel for pixel', () => {
    for (const [name, j] of Object.entries(jpegs)) {
      let buf = new Uint8Array(0);
      const r = decodeRegion(j, null, (n) => (buf = new Uint8Array(n)));
      expect(r, name).toEqual({ width: W, height: H, left: 0, top: 0, regionWidth: W, regionHeight: H });
      expect(Buffer.from(buf).equals(reference[name]!), name).toBe(true);
    }
  });

  it("a crop's region holds exactly the pixels of a full decode, for random crops", () => {
    const rng = new Rng(21);
    for (const [name, j] of Object.entries(jpegs))
      for (let t = 0; t < 25; t++) {
        const width = 1 + rng.int(W);
        const height = 1 + rng.int(H);
        const crop = { left: rng.int(W - width + 1), top: rng.int(H - height + 1), width, height };
        let buf = new Uint8Array(0);
        const r = decodeRegion(j, crop, (n) => (buf = new Uint8Array(n)))!;
        expect(r.left).toBeLessThanOrEqual(crop.left);
        expect(r.left + r.regionWidth).toBeGreaterThanOrEqual(crop.left + crop.width);
        expect(buf.length).toBe(r.regionWidth * r.regionHeight * 3);
        let mismatches = 0;
        for (let y = crop.top; y < crop.top + crop.height; y++)
          for (let x = crop.left; x < crop.left + crop.width; x++)
            for (let c = 0; c < 3; c++)
              if (buf[((y - r.top) * r.regionWidth + x - r.left) * 3 + c] !== reference[name]![(y * W + x) * 3 + c]) mismatches++;
        expect(mismatches, `${name} ${JSON.stringify(crop)}`).toBe(0);
      }
  });

  it('returns null for what it cannot decode: CMYK, PNG, garbage', async () => {
    const raw = Buffer.alloc(8 * 8 * 3, 128);
    const cmyk = new Uint8Array(await sharp(raw, { raw: { width: 8, height: 8, channels: 3 } }).toColourspace('cmyk').jpeg().toBuffer());
    const png = new Uint8Array(await sharp(raw, { raw: { width: 8, height: 8, channels: 3 } }).png().toBuffer());
    for (const bytes of [cmyk, png, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2])]) expect(decodeRegion(bytes, null, (n) => new Uint8Array(n))).toBeNull();
    // and the handle is still good afterwards
    expect(decodeRegion(jpegs['4:2:0']!, null, (n) => new Uint8Array(n))).not.toBeNull();
  });
});

describe('turboJpeg availability', () => {
  it('is present here, or says why not', () => {
    if (!turboJpeg()) expect(whyNoTurboJpeg()).toMatch(/./);
    else expect(whyNoTurboJpeg()).toBeNull();
  });
});
