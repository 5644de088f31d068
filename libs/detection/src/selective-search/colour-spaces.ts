import type { PlanarImage, RgbImage } from './image.js';

/**
 * The colour spaces of Uijlings et al. (2013), each scaled so that every channel spans about 0–255:
 * then one threshold k means the same colour difference in every space.
 * H is the hue channel alone and I the intensity alone (one-channel images).
 */
export type ColourSpace = 'rgb' | 'hsv' | 'lab' | 'rgI' | 'H' | 'I';

export const COLOUR_SPACES: readonly ColourSpace[] = ['rgb', 'hsv', 'lab', 'rgI', 'H', 'I'];

export function convertColourSpace(image: RgbImage, space: ColourSpace): PlanarImage {
  const { width, height, data } = image;
  const n = width * height;
  const channels = space === 'H' || space === 'I' ? 1 : 3;
  const planes = Array.from({ length: channels }, () => new Float32Array(n));
  const [p0, p1, p2] = planes as [Float32Array, Float32Array | undefined, Float32Array | undefined];
  for (let i = 0; i < n; i++) {
    const r = data[3 * i];
    const g = data[3 * i + 1];
    const b = data[3 * i + 2];
    switch (space) {
      case 'rgb':
        p0[i] = r;
        p1![i] = g;
        p2![i] = b;
        break;
      case 'hsv': {
        const [h, s, v] = rgbToHsv(r, g, b);
        p0[i] = h * 255;
        p1![i] = s * 255;
        p2![i] = v;
        break;
      }
      case 'H':
        p0[i] = rgbToHsv(r, g, b)[0] * 255;
        break;
      case 'lab': {
        const [l, a, bb] = rgbToLab(r, g, b);
        p0[i] = l * 2.55;
        p1![i] = a + 128;
        p2![i] = bb + 128;
        break;
      }
      case 'rgI': {
        const sum = r + g + b;
        p0[i] = sum > 0 ? (255 * r) / sum : 255 / 3;
        p1![i] = sum > 0 ? (255 * g) / sum : 255 / 3;
        p2![i] = sum / 3;
        break;
      }
      case 'I':
        p0[i] = (r + g + b) / 3;
        break;
    }
  }
  return { width, height, planes };
}

/** Hue, saturation in [0, 1) and [0, 1]; value in 0–255. */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d + 6) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h /= 6;
  }
  return [h, max > 0 ? d / max : 0, max];
}

// sRGB → CIE L*a*b* under D65; a lookup table for the sRGB transfer curve keeps this cheap.
const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
});

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

/** L in [0, 100], a and b roughly in [-128, 127]. */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const rl = SRGB_TO_LINEAR[r];
  const gl = SRGB_TO_LINEAR[g];
  const bl = SRGB_TO_LINEAR[b];
  const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
  const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
  const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / 1.08883;
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
