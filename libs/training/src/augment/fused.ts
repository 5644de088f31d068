import type { AugmentParams } from './params.js';
import { pcaLightingOffset } from './photometric.js';

const [LR, LG, LB] = [0.299, 0.587, 0.114];

/**
 * The photometric chain of photometric.ts — flip, brightness, contrast, saturation, clamp, PCA
 * lighting, mean subtraction, in that order — fused into two passes over the 8-bit pixels that
 * sharp returns, written straight into `out` at `outOffset` (a batch buffer). Same arithmetic as
 * the pure functions (the test checks it); one pass instead of seven allocations per image.
 */
export function photometricInto(
  rgb: Uint8Array,
  heightPx: number,
  widthPx: number,
  params: Pick<AugmentParams, 'flip' | 'brightnessFactor' | 'contrastFactor' | 'saturationFactor' | 'lightingAlpha'>,
  meanRgb: readonly number[],
  out: Float32Array,
  outOffset: number,
): void {
  const n = heightPx * widthPx;
  // Contrast blends with the mean luma of the image after brightness = brightness × mean luma before.
  let lumaSum = 0;
  for (let i = 0; i < n * 3; i += 3) lumaSum += LR * rgb[i]! + LG * rgb[i + 1]! + LB * rgb[i + 2]!;
  const b = params.brightnessFactor;
  const c = params.contrastFactor;
  const s = params.saturationFactor;
  const contrastOffset = (1 - c) * b * (lumaSum / n);
  const bc = b * c; // brightness then contrast: v·b·c + offset
  const [lr, lg, lb] = pcaLightingOffset(params.lightingAlpha);
  const addR = lr - meanRgb[0]!;
  const addG = lg - meanRgb[1]!;
  const addB = lb - meanRgb[2]!;
  const sR = s + (1 - s) * LR; // saturation as a 3×3 matrix: s·I + (1 − s)·1·lumaᵀ
  const sG = s + (1 - s) * LG;
  const sB = s + (1 - s) * LB;
  const oR = (1 - s) * LR;
  const oG = (1 - s) * LG;
  const oB = (1 - s) * LB;
  const rowLen = widthPx * 3;
  for (let y = 0; y < heightPx; y++) {
    const rowStart = y * rowLen;
    let dst = outOffset + rowStart;
    // Mirrored rows are read right to left.
    let src = params.flip ? rowStart + rowLen - 3 : rowStart;
    const step = params.flip ? -3 : 3;
    for (let x = 0; x < widthPx; x++, src += step, dst += 3) {
      const r = rgb[src]! * bc + contrastOffset;
      const g = rgb[src + 1]! * bc + contrastOffset;
      const bl = rgb[src + 2]! * bc + contrastOffset;
      const r2 = sR * r + oG * g + oB * bl;
      const g2 = oR * r + sG * g + oB * bl;
      const b2 = oR * r + oG * g + sB * bl;
      out[dst] = (r2 < 0 ? 0 : r2 > 255 ? 255 : r2) + addR;
      out[dst + 1] = (g2 < 0 ? 0 : g2 > 255 ? 255 : g2) + addG;
      out[dst + 2] = (b2 < 0 ? 0 : b2 > 255 ? 255 : b2) + addB;
    }
  }
}
