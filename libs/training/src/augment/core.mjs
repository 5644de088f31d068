/**
 * The per-image work of the training loader: decode a JPEG, crop, resize with the drawn
 * interpolation, flip, colour-distort and subtract the mean, into a slot of a batch buffer.
 *
 * Plain JavaScript (types in core.d.mts) because it also runs in the loader's worker threads,
 * which start without a TypeScript loader. The parameters are drawn on the main thread
 * (params.ts), so the result does not depend on which thread ran it.
 *
 * Decoding: libjpeg-turbo (turbojpeg.mjs), only the crop's region, straight into the kernel's
 * memory; sharp when it is absent, for CMYK and non-JPEG files, or when
 * GOOGLENET_JPEG_DECODER=sharp. Pixels: kernel/augment.wasm (SIMD), whose resampling
 * coefficients are computed here.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeRegion, turboJpeg } from './turbojpeg.mjs';

// ---------------------------------------------------------------------------------------------
// Resampling coefficients

/** Triangle (bilinear) and Keys cubic with a = −0.5 (PIL, torchvision), on unit pixel spacing. */
const FILTERS = {
  bilinear: { support: 1, weight: (x) => (x < 0 ? -x : x) < 1 ? 1 - (x < 0 ? -x : x) : 0 },
  cubic: {
    support: 2,
    weight: (x) => {
      const a = -0.5;
      const t = x < 0 ? -x : x;
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
};

/**
 * One axis of a separable resize from `inPx` source pixels to `outPx`: output i reads source
 * pixels start[i] … start[i] + count[i] − 1 with weights w[i·taps …] (summing to 1).
 *   nearest   the source pixel under the output pixel's centre;
 *   bilinear, cubic   PIL's antialiased convolution: the filter is widened by the downscale factor,
 *             so a downscale averages over the whole source area (torchvision's antialias=True);
 *   area      OpenCV's INTER_AREA: when shrinking, each source pixel weighs by the length it
 *             overlaps the output pixel's footprint; when enlarging, bilinear.
 * `mirror` reverses the outputs: the horizontal flip, for free.
 */
export function resampleCoefficients(inPx, outPx, interpolation, mirror = false) {
  if (!(Number.isInteger(inPx) && inPx >= 1 && Number.isInteger(outPx) && outPx >= 1))
    throw new Error(`resampleCoefficients: bad sizes ${inPx} → ${outPx}`);
  const scale = inPx / outPx;
  const start = new Int32Array(outPx);
  const count = new Int32Array(outPx);
  let taps;
  let w;
  if (interpolation === 'nearest') {
    taps = 1;
    w = new Float32Array(outPx).fill(1);
    count.fill(1);
    for (let i = 0; i < outPx; i++) start[i] = Math.min(inPx - 1, Math.floor((i + 0.5) * scale));
  } else if (interpolation === 'area' && scale > 1) {
    taps = Math.ceil(scale) + 1;
    w = new Float32Array(outPx * taps);
    for (let i = 0; i < outPx; i++) {
      const lo = i * scale;
      const hi = Math.min(inPx, (i + 1) * scale);
      const x0 = Math.floor(lo);
      const x1 = Math.min(inPx, Math.ceil(hi));
      start[i] = x0;
      count[i] = x1 - x0;
      for (let x = x0; x < x1; x++) w[i * taps + x - x0] = (Math.min(hi, x + 1) - Math.max(lo, x)) / scale;
    }
  } else {
    const filter = FILTERS[interpolation === 'cubic' ? 'cubic' : interpolation === 'area' || interpolation === 'bilinear' ? 'bilinear' : ''];
    if (!filter) throw new Error(`resampleCoefficients: unknown interpolation '${interpolation}'`);
    const widen = Math.max(scale, 1);
    const support = filter.support * widen;
    taps = Math.ceil(support) * 2 + 1;
    w = new Float32Array(outPx * taps);
    for (let i = 0; i < outPx; i++) {
      const centre = (i + 0.5) * scale;
      const x0 = Math.max(0, Math.trunc(centre - support + 0.5));
      const x1 = Math.min(inPx, Math.trunc(centre + support + 0.5));
      let sum = 0;
      const ws = new Float64Array(x1 - x0);
      for (let x = x0; x < x1; x++) sum += ws[x - x0] = filter.weight((x - centre + 0.5) / widen);
      start[i] = x0;
      count[i] = x1 - x0;
      for (let x = x0; x < x1; x++) w[i * taps + x - x0] = ws[x - x0] / sum;
    }
  }
  if (mirror) {
    for (let i = 0, j = outPx - 1; i < j; i++, j--) {
      [start[i], start[j]] = [start[j], start[i]];
      [count[i], count[j]] = [count[j], count[i]];
      const wi = w.slice(i * taps, (i + 1) * taps);
      w.copyWithin(i * taps, j * taps, (j + 1) * taps);
      w.set(wi, j * taps);
    }
  }
  return { start, count, weights: w, taps };
}

/**
 * Weights as int16 with 14 fractional bits, each row rounded so it sums to exactly 1 << 14 (the
 * rounding residual goes to the row's largest weight): a flat image stays exactly flat.
 */
export function fixedPointWeights(c) {
  const q = new Int16Array(c.weights.length);
  for (let i = 0; i < c.start.length; i++) {
    let sum = 0;
    let largest = i * c.taps;
    for (let k = i * c.taps; k < i * c.taps + c.count[i]; k++) {
      q[k] = Math.round(c.weights[k] * 16384);
      sum += q[k];
      if (Math.abs(c.weights[k]) > Math.abs(c.weights[largest])) largest = k;
    }
    q[largest] += 16384 - sum;
  }
  return q;
}

// ---------------------------------------------------------------------------------------------
// The WebAssembly kernel

let compiled = null;
/**
 * augment.wasm, compiled once per process: the pool hands this module to its workers, so they share
 * V8's optimised code for it instead of each compiling and warming up their own.
 */
export function kernelModule() {
  compiled ??= new WebAssembly.Module(readFileSync(new URL('./kernel/augment.wasm', import.meta.url)));
  return compiled;
}
const align16 = (n) => (n + 15) & ~15;

/** One instance of augment.wasm and the layout of its memory; one per thread, used synchronously. */
export class AugmentKernel {
  constructor(module = kernelModule()) {
    this.instance = new WebAssembly.Instance(module, {});
    this.exports = this.instance.exports;
    this.memory = this.exports.memory;
    this.heapBase = align16(this.exports.__heap_base.value);
  }

  /** Grows the memory to at least `bytes`; views taken before are invalid afterwards. */
  ensure(bytes) {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }

  /** The decode target: a view of `bytes` (+1 for the kernel's 4-byte loads) at the start of the heap. */
  sourceView(bytes) {
    this.ensure(this.heapBase + align16(bytes + 16));
    return new Uint8Array(this.memory.buffer, this.heapBase, bytes);
  }

  writeArray(offset, array) {
    new Uint8Array(this.memory.buffer, offset, array.byteLength).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return offset + align16(array.byteLength);
  }

  /**
   * Runs crop → resize → flip → photometric on the RGB image already in sourceView (width ×
   * height), writing sizePx² × 3 floats (HWC) into `out` at `outOffset`.
   */
  run(width, height, job, out, outOffset) {
    const { crop, interpolation, flip, sizePx } = job;
    if (!(crop.left >= 0 && crop.top >= 0 && crop.width >= 1 && crop.height >= 1 && crop.left + crop.width <= width && crop.top + crop.height <= height))
      throw new Error(`crop ${JSON.stringify(crop)} outside the ${width}×${height} image`);
    const h = resampleCoefficients(crop.width, sizePx, interpolation, flip);
    const v = resampleCoefficients(crop.height, sizePx, interpolation);
    // Only the crop columns the horizontal pass reads go through the vertical pass.
    let colFirst = crop.width;
    let colEnd = 0;
    for (let i = 0; i < sizePx; i++) {
      colFirst = Math.min(colFirst, h.start[i]);
      colEnd = Math.max(colEnd, h.start[i] + h.count[i]);
    }
    const hStart = h.start.map((s) => s - colFirst);
    const rowFloats = (colEnd - colFirst) * 3;

    const vW = fixedPointWeights(v);

    const pixels = sizePx * sizePx;
    let p = this.heapBase + align16(width * height * 3 + 16);
    const layout = {};
    const sizes = [
      ['hStart', hStart.byteLength],
      ['hCount', h.count.byteLength],
      ['hW', h.weights.byteLength],
      ['vStart', v.start.byteLength],
      ['vCount', v.count.byteLength],
      ['vW', vW.byteLength],
      ['rows', (sizePx * rowFloats + 4) * 4], // + the float the horizontal pass reads past the end
      ['resized', (pixels * 3 + 4) * 4], // + the float its last store writes past the end
      ['out', pixels * 3 * 4],
    ];
    for (const [name, bytes] of sizes) {
      layout[name] = p;
      p += align16(bytes);
    }
    this.ensure(p);
    this.writeArray(layout.hStart, hStart);
    this.writeArray(layout.hCount, h.count);
    this.writeArray(layout.hW, h.weights);
    this.writeArray(layout.vStart, v.start);
    this.writeArray(layout.vCount, v.count);
    this.writeArray(layout.vW, vW);

    const e = this.exports;
    const srcCrop = this.heapBase + (crop.top * width + crop.left + colFirst) * 3;
    e.resample_v(srcCrop, width * 3, rowFloats, sizePx, layout.vStart, layout.vCount, layout.vW, v.taps, layout.rows);
    e.resample_h(layout.rows, rowFloats, sizePx, layout.hStart, layout.hCount, layout.hW, h.taps, sizePx, layout.resized);
    const [addR, addG, addB] = job.add;
    e.photometric(layout.resized, pixels, job.brightness, job.contrast, job.saturation, addR, addG, addB, layout.out);
    out.set(new Float32Array(this.memory.buffer, layout.out, pixels * 3), outOffset);
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Width, height and component count from a JPEG's SOF marker, or null when it is not a JPEG. */
export function jpegHeader(bytes) {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8], components: bytes[i + 9] };
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan before any frame header
    i += 2 + length;
  }
  return null;
}

/** Which decoder handles RGB and grayscale JPEGs in this process. */
export function jpegDecoderName() {
  return turboJpeg() ? 'libjpeg-turbo' : 'sharp';
}

/**
 * A sharp pipeline's result as 8-bit sRGB with 3 channels: grayscale and CMYK come out as RGB,
 * alpha is dropped. (Evaluation's centre crop runs its resize through it too.)
 */
export async function sharpToRgb(pipeline) {
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after decode, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/**
 * Decode + augment one image into `out` at `outOffset`. libjpeg-turbo decodes only the region the
 * crop needs, synchronously, straight into the kernel's memory; anything it cannot take (CMYK,
 * PNG, a corrupt stream) goes through sharp, leniently as ingest did. When the job names the
 * image's expected size (from the shard record, used to draw the crop), a decoded size that
 * differs is an error. The kernel's memory is only used between awaits, so concurrent calls on
 * one kernel are safe. decoder 'sharp' skips libjpeg-turbo (tests compare the two).
 */
export async function augmentInto(kernel, encoded, job, out, outOffset, decoder = 'auto') {
  const checkSize = (width, height) => {
    if (job.expectWidth !== undefined && (width !== job.expectWidth || height !== job.expectHeight))
      throw new Error(`decoded ${width}×${height}, but the record says ${job.expectWidth}×${job.expectHeight}`);
  };
  const region = decoder === 'sharp' ? null : decodeRegion(encoded, job.crop, (bytes) => kernel.sourceView(bytes));
  if (region) {
    checkSize(region.width, region.height);
    const crop = { left: job.crop.left - region.left, top: job.crop.top - region.top, width: job.crop.width, height: job.crop.height };
    kernel.run(region.regionWidth, region.regionHeight, { ...job, crop }, out, outOffset);
    return;
  }
  const decoded = await sharpToRgb(sharp(encoded, { failOn: 'none' })); // leniently, as ingest did
  checkSize(decoded.width, decoded.height);
  kernel.sourceView(decoded.data.length).set(decoded.data);
  kernel.run(decoded.width, decoded.height, job, out, outOffset);
}
