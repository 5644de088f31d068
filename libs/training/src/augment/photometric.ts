/**
 * Photometric distortions on interleaved RGB float pixels in the 0–255 scale (length = 3 × pixels).
 * Each is a pure function returning a new array; the pipeline chains them.
 */

/** ITU-R 601 luma weights, as torchvision's and PIL's grayscale use. */
const LUMA_RGB = [0.299, 0.587, 0.114] as const;

/**
 * AlexNet's PCA of ImageNet RGB pixels (0–1 scale), as published with fb.resnet.torch: eigenvalues
 * and eigenvectors (columns), used for "lighting" noise (Krizhevsky et al. 2012, section 4.1).
 */
export const IMAGENET_PCA_EIGVAL = [0.2175, 0.0188, 0.0045] as const;
export const IMAGENET_PCA_EIGVEC = [
  [-0.5675, 0.7192, 0.4009],
  [-0.5808, -0.0045, -0.814],
  [-0.5836, -0.6948, 0.4203],
] as const;

/** Mirror left–right of an H×W×C image. */
export function flipHorizontal(pixels: Float32Array, heightPx: number, widthPx: number, channels = 3): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let y = 0; y < heightPx; y++) {
    const row = y * widthPx * channels;
    for (let x = 0; x < widthPx; x++) {
      const src = row + x * channels;
      const dst = row + (widthPx - 1 - x) * channels;
      for (let c = 0; c < channels; c++) out[dst + c] = pixels[src + c]!;
    }
  }
  return out;
}

/** Scales every value (torchvision's adjust_brightness: blend with black). */
export function adjustBrightness(pixels: Float32Array, factor: number): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! * factor;
  return out;
}

/** Blends with the mean luma of the image (torchvision's adjust_contrast). */
export function adjustContrast(pixels: Float32Array, factor: number): Float32Array {
  let sum = 0;
  for (let i = 0; i < pixels.length; i += 3) sum += LUMA_RGB[0] * pixels[i]! + LUMA_RGB[1] * pixels[i + 1]! + LUMA_RGB[2] * pixels[i + 2]!;
  const mean = sum / (pixels.length / 3);
  const out = new Float32Array(pixels.length);
  const offset = (1 - factor) * mean;
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! * factor + offset;
  return out;
}

/** Blends each pixel with its own luma (torchvision's adjust_saturation). */
export function adjustSaturation(pixels: Float32Array, factor: number): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 3) {
    const gray = (1 - factor) * (LUMA_RGB[0] * pixels[i]! + LUMA_RGB[1] * pixels[i + 1]! + LUMA_RGB[2] * pixels[i + 2]!);
    out[i] = pixels[i]! * factor + gray;
    out[i + 1] = pixels[i + 1]! * factor + gray;
    out[i + 2] = pixels[i + 2]! * factor + gray;
  }
  return out;
}

/** The RGB offset (0–255 scale) AlexNet's lighting adds for coefficients `alpha` (each ~ N(0, σ)). */
export function pcaLightingOffset(alpha: readonly [number, number, number]): [number, number, number] {
  const rgb: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += IMAGENET_PCA_EIGVEC[c]![k]! * alpha[k]! * IMAGENET_PCA_EIGVAL[k]!;
    rgb[c] = 255 * s;
  }
  return rgb;
}

/** Adds a constant per-channel offset (PCA lighting), or subtracts one (mean) with a negated offset. */
export function addPerChannel(pixels: Float32Array, offsetRgb: readonly number[]): Float32Array {
  const out = new Float32Array(pixels.length);
  const [r, g, b] = offsetRgb as [number, number, number];
  for (let i = 0; i < pixels.length; i += 3) {
    out[i] = pixels[i]! + r;
    out[i + 1] = pixels[i + 1]! + g;
    out[i + 2] = pixels[i + 2]! + b;
  }
  return out;
}

/** Per-channel mean subtraction: the network's input convention (0–255 minus PIXEL_MEAN_RGB). */
export function subtractMean(pixels: Float32Array, meanRgb: readonly number[]): Float32Array {
  return addPerChannel(pixels, meanRgb.map((m) => -m));
}

/** Clamps into [0, 255], as the distortions are meant to stay inside the displayable range. */
export function clampToByteRange(pixels: Float32Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = Math.min(255, Math.max(0, pixels[i]!));
  return out;
}
