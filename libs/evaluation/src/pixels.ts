/**
 * Cutting crops out of a decoded, resized RGB image in plain JS, straight into the network's input
 * layout (NHWC float32, RGB 0–255 minus the mean). One sharp resize per image per scale produces
 * the raw buffer (see decode.ts); every crop of that scale is cut from it here, so no crop costs a
 * decode. The "whole square resized to the crop size" crop uses bilinear interpolation with
 * half-pixel centres (the convention of tf.image.resizeBilinear(…, halfPixelCenters=true)); the
 * downscale factor is at most 352/224 ≈ 1.57, small enough that bilinear does not alias badly.
 */
import type { Rect } from './geometry.js';

/** Interleaved 8-bit RGB pixels, row-major. */
export interface RawRgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Writes the `rect` of `image`, resized to size×size (bilinear when rect is not size×size) and
 * mirrored left–right when `mirror`, as size·size·3 floats minus `meanRgb`, into `out` at `offset`.
 */
export function writeCrop(
  image: RawRgbImage,
  rect: Rect,
  size: number,
  mirror: boolean,
  meanRgb: readonly [number, number, number],
  out: Float32Array,
  offset: number,
): void {
  const { data, width, height } = image;
  if (data.length !== width * height * 3) throw new Error(`raw image: expected ${width * height * 3} bytes for ${width}×${height} RGB, got ${data.length}`);
  if (rect.x < 0 || rect.y < 0 || rect.x + rect.width > width || rect.y + rect.height > height) {
    throw new Error(`crop ${JSON.stringify(rect)} lies outside the ${width}×${height} image`);
  }
  if (out.length < offset + size * size * 3) throw new Error(`crop buffer too small: need ${offset + size * size * 3} floats, have ${out.length}`);
  const [mr, mg, mb] = meanRgb;
  if (rect.width === size && rect.height === size) {
    for (let y = 0; y < size; y++) {
      const srcRow = ((rect.y + y) * width + rect.x) * 3;
      for (let x = 0; x < size; x++) {
        const s = srcRow + (mirror ? size - 1 - x : x) * 3;
        const d = offset + (y * size + x) * 3;
        out[d] = data[s] - mr;
        out[d + 1] = data[s + 1] - mg;
        out[d + 2] = data[s + 2] - mb;
      }
    }
    return;
  }
  // Bilinear with half-pixel centres: output pixel i samples source (i + 0.5)·scale − 0.5, clamped.
  const scaleX = rect.width / size;
  const scaleY = rect.height / size;
  for (let y = 0; y < size; y++) {
    const fy = clamp((y + 0.5) * scaleY - 0.5, 0, rect.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, rect.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = clamp(((mirror ? size - 1 - x : x) + 0.5) * scaleX - 0.5, 0, rect.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, rect.width - 1);
      const wx = fx - x0;
      const p00 = ((rect.y + y0) * width + rect.x + x0) * 3;
      const p01 = ((rect.y + y0) * width + rect.x + x1) * 3;
      const p10 = ((rect.y + y1) * width + rect.x + x0) * 3;
      const p11 = ((rect.y + y1) * width + rect.x + x1) * 3;
      const d = offset + (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[p00 + c] + (data[p01 + c] - data[p00 + c]) * wx;
        const bottom = data[p10 + c] + (data[p11 + c] - data[p10 + c]) * wx;
        out[d + c] = top + (bottom - top) * wy - meanRgb[c];
      }
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
