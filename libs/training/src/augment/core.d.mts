import type { Sharp } from 'sharp';
import type { CropBox } from './crop.js';
import type { Interpolation } from './config.js';

export interface ResampleCoefficients {
  start: Int32Array;
  count: Int32Array;
  /** outPx × taps, row i holds count[i] weights. */
  weights: Float32Array;
  taps: number;
}

export function resampleCoefficients(inPx: number, outPx: number, interpolation: Interpolation, mirror?: boolean): ResampleCoefficients;
export function fixedPointWeights(c: ResampleCoefficients): Int16Array;

/** Everything the kernel needs for one image, drawn beforehand (see params.ts, pool.ts). */
export interface KernelJob {
  crop: CropBox;
  interpolation: Interpolation;
  flip: boolean;
  brightness: number;
  contrast: number;
  saturation: number;
  /** Added per channel after the clamp: PCA lighting offset − mean pixel. */
  add: readonly [number, number, number] | readonly number[];
  sizePx: number;
  expectWidth?: number;
  expectHeight?: number;
}

export function kernelModule(): WebAssembly.Module;

export class AugmentKernel {
  constructor(module?: WebAssembly.Module);
  ensure(bytes: number): void;
  sourceView(bytes: number): Uint8Array;
  run(width: number, height: number, job: KernelJob, out: Float32Array, outOffset: number): void;
}

export function jpegHeader(bytes: Uint8Array): { width: number; height: number; components: number } | null;
export function sharpToRgb(pipeline: Sharp): Promise<{ data: Buffer; width: number; height: number }>;
export function jpegDecoderName(): 'libjpeg-turbo' | 'sharp';
export function augmentInto(
  kernel: AugmentKernel,
  encoded: Uint8Array,
  job: KernelJob,
  out: Float32Array,
  outOffset: number,
  decoder?: 'auto' | 'sharp',
): Promise<void>;
