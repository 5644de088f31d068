import type { CropBox } from './crop.js';

export interface DecodedRegion {
  /** The whole image. */
  width: number;
  height: number;
  /** The decoded part of it (RGB, regionWidth × 3 bytes per row). */
  left: number;
  top: number;
  regionWidth: number;
  regionHeight: number;
}

export function turboJpeg(): object | null;
export function whyNoTurboJpeg(): string | null;
export function decodeRegion(encoded: Uint8Array, crop: CropBox | null, allocate: (bytes: number) => Uint8Array): DecodedRegion | null;
