import type { Rng } from '@googlenet/util';

/** A rectangle in source-image pixels (integer, inside the image). */
export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CropRange {
  minAreaFraction: number;
  maxAreaFraction: number;
  minAspect: number;
  maxAspect: number;
}

/**
 * The paper's random patch: area fraction uniform in [min, max], aspect ratio log-uniform in
 * [minAspect, maxAspect], placed uniformly. Draws up to `attempts` candidates (like Inception's
 * sample_distorted_bounding_box); if none fits, falls back to the largest centred crop whose aspect
 * is clamped into range. Consumes a fixed number of draws per attempt, so it is reproducible.
 */
export function sampleCropBox(rng: Rng, imageWidthPx: number, imageHeightPx: number, range: CropRange, attempts = 10): CropBox {
  if (!(imageWidthPx >= 1 && imageHeightPx >= 1)) throw new Error(`sampleCropBox: bad image size ${imageWidthPx}x${imageHeightPx}`);
  const area = imageWidthPx * imageHeightPx;
  const logMin = Math.log(range.minAspect);
  const logMax = Math.log(range.maxAspect);
  for (let i = 0; i < attempts; i++) {
    const targetArea = area * rng.uniform(range.minAreaFraction, range.maxAreaFraction);
    const aspect = Math.exp(rng.uniform(logMin, logMax));
    const w = Math.round(Math.sqrt(targetArea * aspect));
    const h = Math.round(Math.sqrt(targetArea / aspect));
    const u = rng.next();
    const v = rng.next();
    if (w >= 1 && h >= 1 && w <= imageWidthPx && h <= imageHeightPx) {
      return { left: Math.floor(u * (imageWidthPx - w + 1)), top: Math.floor(v * (imageHeightPx - h + 1)), width: w, height: h };
    }
  }
  return centerCropBox(imageWidthPx, imageHeightPx, range.minAspect, range.maxAspect);
}

/** Largest centred box whose aspect ratio is clamped into [minAspect, maxAspect]. */
export function centerCropBox(imageWidthPx: number, imageHeightPx: number, minAspect: number, maxAspect: number): CropBox {
  const aspect = imageWidthPx / imageHeightPx;
  let w = imageWidthPx;
  let h = imageHeightPx;
  if (aspect < minAspect) h = Math.max(1, Math.round(w / minAspect));
  else if (aspect > maxAspect) w = Math.max(1, Math.round(h * maxAspect));
  w = Math.min(w, imageWidthPx);
  h = Math.min(h, imageHeightPx);
  return { left: Math.floor((imageWidthPx - w) / 2), top: Math.floor((imageHeightPx - h) / 2), width: w, height: h };
}
