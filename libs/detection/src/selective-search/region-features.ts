import { gaussianBlur } from './filters.js';
import type { Segmentation } from './felzenszwalb.js';
import type { PlanarImage } from './image.js';

/** Uijlings et al.: 25-bin colour histograms per channel; Gaussian derivatives (σ = 1) in 8
 * orientations per channel with 10-bin histograms (texture). */
export const COLOUR_BINS = 25;
export const TEXTURE_ORIENTATIONS = 8;
export const TEXTURE_BINS = 10;
const TEXTURE_SIGMA = 1;

/** Per-pixel histogram bin indices of one colour-space image, shared by all its segmentations. */
export interface PixelBins {
  channels: number;
  /** colour[p·C + c]: bin of pixel p in channel c (pixel-major, so a region pass reads sequentially). */
  colour: Uint8Array;
  /** texture[(p·C + c)·8 + o]: bin of the orientation-o derivative of channel c at pixel p. */
  texture: Uint8Array;
}

export function computePixelBins(image: PlanarImage): PixelBins {
  const { width, height, planes } = image;
  const n = width * height;
  const channels = planes.length;
  const colour = new Uint8Array(channels * n);
  const texture = new Uint8Array(channels * TEXTURE_ORIENTATIONS * n);
  const cos = Float64Array.from({ length: TEXTURE_ORIENTATIONS }, (_, o) => Math.cos((o * 2 * Math.PI) / TEXTURE_ORIENTATIONS));
  const sin = Float64Array.from({ length: TEXTURE_ORIENTATIONS }, (_, o) => Math.sin((o * 2 * Math.PI) / TEXTURE_ORIENTATIONS));
  planes.forEach((plane, c) => {
    for (let p = 0; p < n; p++) {
      const v = Math.floor((plane[p] * COLOUR_BINS) / 256);
      colour[p * channels + c] = v < 0 ? 0 : v >= COLOUR_BINS ? COLOUR_BINS - 1 : v;
    }
    // Gaussian derivative = central difference of the σ-smoothed plane (two filter passes, not four).
    const smoothed = gaussianBlur(plane, width, height, TEXTURE_SIGMA);
    const gx = new Float32Array(n);
    const gy = new Float32Array(n);
    for (let y = 0; y < height; y++) {
      const up = y > 0 ? -width : 0;
      const dn = y + 1 < height ? width : 0;
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        gx[p] = 0.5 * (smoothed[p + (x + 1 < width ? 1 : 0)] - smoothed[p - (x > 0 ? 1 : 0)]);
        gy[p] = 0.5 * (smoothed[p + dn] - smoothed[p + up]);
      }
    }
    let maxMag = 0;
    for (let p = 0; p < n; p++) {
      const m2 = gx[p] * gx[p] + gy[p] * gy[p];
      if (m2 > maxMag) maxMag = m2;
    }
    maxMag = Math.sqrt(maxMag);
    // Half-wave rectified directional derivatives: orientations o and o+4 see opposite edge polarity.
    const scale = maxMag > 0 ? TEXTURE_BINS / maxMag : 0;
    for (let p = 0; p < n; p++) {
      const base = (p * channels + c) * TEXTURE_ORIENTATIONS;
      const x = gx[p] * scale;
      const y = gy[p] * scale;
      for (let o = 0; o < TEXTURE_ORIENTATIONS; o++) {
        const r = cos[o] * x + sin[o] * y;
        const bin = r > 0 ? r | 0 : 0;
        texture[base + o] = bin >= TEXTURE_BINS ? TEXTURE_BINS - 1 : bin;
      }
    }
  });
  return { channels, colour, texture };
}

/**
 * Region descriptors for hierarchical grouping, allocated for 2R−1 regions (the R initial ones and
 * the R−1 merges) so that grouping writes merged regions without reallocating. Histograms are
 * L1-normalised over the whole vector, so colour and texture similarities lie in [0, 1].
 */
export interface RegionTable {
  initialCount: number;
  colourDims: number;
  textureDims: number;
  sizePx: Float64Array;
  /** xmin, ymin, xmax, ymax per region (inclusive pixels). */
  box: Int32Array;
  colourHist: Float32Array;
  textureHist: Float32Array;
  /** Pairs of adjacent initial regions (4-connectivity), i < j, in a deterministic order. */
  neighbours: [number, number][];
}

export function computeRegionTable(seg: Segmentation, bins: PixelBins): RegionTable {
  const { width, height, labels, count } = seg;
  const n = width * height;
  const capacity = 2 * count;
  const C = bins.channels;
  const colourDims = C * COLOUR_BINS;
  const textureDims = C * TEXTURE_ORIENTATIONS * TEXTURE_BINS;
  const sizePx = new Float64Array(capacity);
  const box = new Int32Array(capacity * 4);
  const colourHist = new Float32Array(capacity * colourDims);
  const textureHist = new Float32Array(capacity * textureDims);
  for (let r = 0; r < count; r++) {
    box[4 * r] = width;
    box[4 * r + 1] = height;
    box[4 * r + 2] = -1;
    box[4 * r + 3] = -1;
  }
  const pairSet = new Set<number>();
  let lastKey = -1; // runs of equal pairs along a boundary are common; skip the Set for them
  const addPair = (r: number, q: number) => {
    const key = r < q ? r * count + q : q * count + r;
    if (key !== lastKey) {
      pairSet.add(key);
      lastKey = key;
    }
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const r = labels[p];
      sizePx[r]++;
      const bi = 4 * r;
      if (x < box[bi]) box[bi] = x;
      if (y < box[bi + 1]) box[bi + 1] = y;
      if (x > box[bi + 2]) box[bi + 2] = x;
      if (y > box[bi + 3]) box[bi + 3] = y;
      if (x + 1 < width) {
        const q = labels[p + 1];
        if (q !== r) addPair(r, q);
      }
      if (y + 1 < height) {
        const q = labels[p + width];
        if (q !== r) addPair(r, q);
      }
    }
  }
  const planes = C * TEXTURE_ORIENTATIONS;
  for (let p = 0; p < n; p++) {
    const r = labels[p];
    const cBase = r * colourDims;
    for (let c = 0; c < C; c++) colourHist[cBase + c * COLOUR_BINS + bins.colour[p * C + c]]++;
    const tBase = r * textureDims;
    const src = p * planes;
    for (let k = 0; k < planes; k++) textureHist[tBase + k * TEXTURE_BINS + bins.texture[src + k]]++;
  }
  for (let r = 0; r < count; r++) {
    const cs = 1 / (sizePx[r] * C);
    for (let d = 0; d < colourDims; d++) colourHist[r * colourDims + d] *= cs;
    const ts = 1 / (sizePx[r] * C * TEXTURE_ORIENTATIONS);
    for (let d = 0; d < textureDims; d++) textureHist[r * textureDims + d] *= ts;
  }
  const neighbours = [...pairSet].sort((u, v) => u - v).map((key): [number, number] => [Math.floor(key / count), key % count]);
  return { initialCount: count, colourDims, textureDims, sizePx, box, colourHist, textureHist, neighbours };
}
