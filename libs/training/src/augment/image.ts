import sharp from 'sharp';
import type { Rng } from '@googlenet/util';
import type { AugmentConfig } from './config.js';
import { AugmentKernel, augmentInto, jpegHeader, sharpToRgb, type KernelJob } from './core.mjs';
import { drawAugmentParams, type AugmentParams } from './params.js';
import { pcaLightingOffset, subtractMean } from './photometric.js';

/** A decoded RGB image: interleaved H×W×3 floats, 0–255 scale (or mean-subtracted, once prepared). */
export interface RgbImage {
  pixels: Float32Array;
  heightPx: number;
  widthPx: number;
}

/**
 * The kernel's view of drawn parameters: colour factors, and the per-channel offset added after
 * the clamp (PCA lighting − mean pixel). `sizePx` is the image size the crop was drawn for.
 */
export function kernelJob(
  params: AugmentParams,
  inputSizePx: number,
  meanRgb: readonly number[],
  sizePx?: { width: number; height: number },
): KernelJob {
  const light = pcaLightingOffset(params.lightingAlpha);
  return {
    crop: params.crop,
    interpolation: params.interpolation,
    flip: params.flip,
    brightness: params.brightnessFactor,
    contrast: params.contrastFactor,
    saturation: params.saturationFactor,
    add: [light[0] - meanRgb[0]!, light[1] - meanRgb[1]!, light[2] - meanRgb[2]!],
    sizePx: inputSizePx,
    ...(sizePx ? { expectWidth: sizePx.width, expectHeight: sizePx.height } : {}),
  };
}

let kernel: AugmentKernel | null = null;

/**
 * Decode, crop, resize with the drawn interpolation, flip and colour-distort on the calling
 * thread (core.mjs: libjpeg-turbo and the WebAssembly kernel), into `out` at `outOffset`
 * (default: a fresh array). The loader runs the same code on worker threads (pool.ts).
 */
export async function applyAugmentParams(
  encoded: Uint8Array,
  params: AugmentParams,
  inputSizePx: number,
  meanRgb: readonly number[],
  out?: { pixels: Float32Array; offset: number },
): Promise<RgbImage> {
  const target = out ?? { pixels: new Float32Array(inputSizePx * inputSizePx * 3), offset: 0 };
  kernel ??= new AugmentKernel();
  await augmentInto(kernel, encoded, kernelJob(params, inputSizePx, meanRgb), target.pixels, target.offset);
  const pixels = out ? target.pixels.subarray(target.offset, target.offset + inputSizePx * inputSizePx * 3) : target.pixels;
  return { pixels, heightPx: inputSizePx, widthPx: inputSizePx };
}

/**
 * One training sample on the calling thread: draw the augmentation from `rng` (image size from the
 * record, or read from the header), apply it, return the network-ready mean-subtracted pixels.
 */
export async function augmentImage(
  encoded: Uint8Array,
  rng: Rng,
  cfg: AugmentConfig,
  inputSizePx: number,
  meanRgb: readonly number[],
  sizePx?: { width: number; height: number },
  out?: { pixels: Float32Array; offset: number },
): Promise<RgbImage> {
  const size = sizePx ?? (await imageSize(encoded));
  const params = drawAugmentParams(rng, size.width, size.height, cfg);
  return applyAugmentParams(encoded, params, inputSizePx, meanRgb, out);
}

/**
 * The single centre crop of evaluation: resize so the shorter side is inputSize × 256/224 (the
 * paper's 256 → 224 ratio), take the centred inputSize square, subtract the mean.
 */
export async function centerCropImage(encoded: Uint8Array, inputSizePx: number, meanRgb: readonly number[]): Promise<RgbImage> {
  const shorterSidePx = Math.round((inputSizePx * 256) / 224);
  const offsetPx = Math.floor((shorterSidePx - inputSizePx) / 2);
  const { data } = await sharpToRgb(
    sharp(encoded, { failOn: 'none' })
      // 'cover' to a square = shorter side to shorterSidePx, centred; then the centred input square.
      .resize(shorterSidePx, shorterSidePx, { fit: 'cover', position: 'centre', kernel: 'linear' })
      .extract({ left: offsetPx, top: offsetPx, width: inputSizePx, height: inputSizePx }),
  );
  return { pixels: subtractMean(Float32Array.from(data), meanRgb), heightPx: inputSizePx, widthPx: inputSizePx };
}

/** Width and height from the encoded header, without decoding the pixels. */
export async function imageSize(encoded: Uint8Array): Promise<{ width: number; height: number }> {
  const jpeg = jpegHeader(encoded);
  if (jpeg) return { width: jpeg.width, height: jpeg.height };
  const meta = await sharp(encoded).metadata();
  if (!meta.width || !meta.height) throw new Error('cannot read image size from header');
  return { width: meta.width, height: meta.height };
}
