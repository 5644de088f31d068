import type { Rect } from '../boxes.js';
import type { RgbImage } from '../selective-search/image.js';

export interface WarpOptions {
  /** Side of the square network input, pixels. */
  inputSizePx: number;
  /**
   * Context around the box, in pixels of the warped input (R-CNN: p = 16 at 227 px). The box is
   * dilated so that exactly this many warped pixels of surrounding image lie on each side.
   */
  contextPx: number;
  /** Subtracted from every pixel (RGB); outside the image the input is therefore 0 (the mean). */
  meanRgb: readonly [number, number, number];
}

/** R-CNN's 16 px of context at 224 px input, scaled with the input size so small test nets keep the proportion. */
export function defaultContextPx(inputSizePx: number): number {
  return (16 * inputSizePx) / 224;
}

/**
 * Warps one region (anisotropically, as R-CNN does) to inputSize² with bilinear sampling, writing
 * NHWC float32 (RGB − mean) into `out` at `offset`. Pixels of the dilated box that fall outside the
 * image are filled with the mean, i.e. 0 after subtraction (R-CNN's padding).
 */
export function warpRegion(image: RgbImage, box: Rect, opts: WarpOptions, out: Float32Array, offset: number): void {
  const S = opts.inputSizePx;
  const p = opts.contextPx;
  if (!(2 * p < S)) throw new Error(`warpRegion: context ${p} px leaves no room for the box in a ${S} px input`);
  const { width: W, height: H, data } = image;
  // Box edges as continuous coordinates: pixel i covers [i, i + 1).
  const bw = box.xmax + 1 - box.xmin;
  const bh = box.ymax + 1 - box.ymin;
  const sx = bw / (S - 2 * p); // source pixels per warped pixel
  const sy = bh / (S - 2 * p);
  const x0 = box.xmin - p * sx;
  const y0 = box.ymin - p * sy;
  const [mr, mg, mb] = opts.meanRgb;
  for (let v = 0; v < S; v++) {
    const fy = y0 + (v + 0.5) * sy - 0.5;
    const yi = Math.floor(fy);
    const ty = fy - yi;
    for (let u = 0; u < S; u++) {
      const fx = x0 + (u + 0.5) * sx - 0.5;
      const o = offset + 3 * (v * S + u);
      if (fx < -0.5 || fx > W - 0.5 || fy < -0.5 || fy > H - 0.5) {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
        continue;
      }
      const xi = Math.floor(fx);
      const tx = fx - xi;
      const xa = xi < 0 ? 0 : xi;
      const xb = xi + 1 >= W ? W - 1 : xi + 1;
      const ya = yi < 0 ? 0 : yi;
      const yb = yi + 1 >= H ? H - 1 : yi + 1;
      const i00 = 3 * (ya * W + xa);
      const i01 = 3 * (ya * W + xb);
      const i10 = 3 * (yb * W + xa);
      const i11 = 3 * (yb * W + xb);
      const w00 = (1 - tx) * (1 - ty);
      const w01 = tx * (1 - ty);
      const w10 = (1 - tx) * ty;
      const w11 = tx * ty;
      out[o] = w00 * data[i00] + w01 * data[i01] + w10 * data[i10] + w11 * data[i11] - mr;
      out[o + 1] = w00 * data[i00 + 1] + w01 * data[i01 + 1] + w10 * data[i10 + 1] + w11 * data[i11 + 1] - mg;
      out[o + 2] = w00 * data[i00 + 2] + w01 * data[i01 + 2] + w10 * data[i10 + 2] + w11 * data[i11 + 2] - mb;
    }
  }
}
