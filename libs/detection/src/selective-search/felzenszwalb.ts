import { gaussianBlur } from './filters.js';
import type { PlanarImage } from './image.js';

/**
 * Efficient graph-based segmentation (Felzenszwalb & Huttenlocher 2004) on the 8-connected pixel
 * grid, with the Euclidean colour distance between smoothed pixels as edge weight.
 *
 * Split in two so that selective search sorts the edges of one smoothed image once and then
 * segments it at several k (the sort is the expensive part).
 */

export interface SortedEdges {
  width: number;
  height: number;
  /** Endpoints (pixel indices) and weights, sorted by non-decreasing weight. */
  a: Uint32Array;
  b: Uint32Array;
  w: Float32Array;
}

export interface Segmentation {
  width: number;
  height: number;
  /** Region index per pixel, 0..count-1, numbered in order of first appearance (row-major). */
  labels: Int32Array;
  count: number;
}

export interface FelzenszwalbOptions {
  /** Gaussian smoothing before building the graph (0.8 in Uijlings et al.). */
  sigma: number;
  /** Scale of the threshold function τ(C) = k/|C|: larger k, larger regions. */
  k: number;
  /** Components smaller than this many pixels are merged into a neighbour afterwards. */
  minSizePx: number;
}

// Weights are distances in a 0–255-scaled space with ≤ 3 channels, so ≤ 255·√3 ≈ 442; sorting by
// 1/64 of a grey level with a counting sort is exact enough and linear-time.
const WEIGHT_BUCKETS_PER_UNIT = 64;

export function buildSortedEdges(image: PlanarImage, sigma: number): SortedEdges {
  const { width, height } = image;
  const n = width * height;
  const planes = image.planes.map((p) => gaussianBlur(p, width, height, sigma));
  // Edge e = 4p + o joins pixel p to p + OFFSET[o] (right, down, down-right, up-right): 8-connectivity
  // with each pair once. Weights go into one grid, −1 where the neighbour is off the image.
  const offsets = [1, width, width + 1, 1 - width];
  const weight = new Float32Array(4 * n);
  for (const plane of planes) {
    for (let o = 0; o < 4; o++) {
      const off = offsets[o];
      const lo = Math.max(0, -off);
      const hi = Math.min(n, n - off);
      for (let p = lo; p < hi; p++) {
        const d = plane[p] - plane[p + off];
        weight[4 * p + o] += d * d;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const e = 4 * (y * width + x);
      const right = x + 1 < width;
      weight[e] = right ? Math.sqrt(weight[e]) : -1;
      weight[e + 1] = y + 1 < height ? Math.sqrt(weight[e + 1]) : -1;
      weight[e + 2] = right && y + 1 < height ? Math.sqrt(weight[e + 2]) : -1;
      weight[e + 3] = right && y > 0 ? Math.sqrt(weight[e + 3]) : -1;
    }
  }
  // Counting sort by quantised weight straight into the output; stable, so ties keep grid order.
  let maxW = 0;
  let m = 0;
  for (let e = 0; e < 4 * n; e++) {
    if (weight[e] < 0) continue;
    m++;
    if (weight[e] > maxW) maxW = weight[e];
  }
  const buckets = Math.floor(maxW * WEIGHT_BUCKETS_PER_UNIT) + 1;
  const start = new Uint32Array(buckets + 1);
  for (let e = 0; e < 4 * n; e++) if (weight[e] >= 0) start[Math.floor(weight[e] * WEIGHT_BUCKETS_PER_UNIT) + 1]++;
  for (let q = 0; q < buckets; q++) start[q + 1] += start[q];
  const a = new Uint32Array(m);
  const b = new Uint32Array(m);
  const w = new Float32Array(m);
  for (let e = 0; e < 4 * n; e++) {
    const we = weight[e];
    if (we < 0) continue;
    const dst = start[Math.floor(we * WEIGHT_BUCKETS_PER_UNIT)]++;
    const p = e >> 2;
    a[dst] = p;
    b[dst] = p + offsets[e & 3];
    w[dst] = we;
  }
  return { width, height, a, b, w };
}

/** Root of x in a disjoint-set forest, with path halving. */
function findRoot(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    const grand = parent[parent[x]];
    parent[x] = grand;
    x = grand;
  }
  return x;
}

/** Joins two roots, the smaller component under the larger (ties: under ra); returns the new root. */
function joinRoots(parent: Int32Array, size: Int32Array, ra: number, rb: number): number {
  const [big, small] = size[ra] < size[rb] ? [rb, ra] : [ra, rb];
  parent[small] = big;
  size[big] += size[small];
  return big;
}

export function segmentFromEdges(edges: SortedEdges, k: number, minSizePx: number): Segmentation {
  const { width, height, a, b, w } = edges;
  const n = width * height;
  const parent = new Int32Array(n);
  for (let p = 0; p < n; p++) parent[p] = p;
  const size = new Int32Array(n).fill(1);
  // τ-relaxed internal difference Int(C) + k/|C| per root.
  const threshold = new Float32Array(n).fill(k);
  const m = a.length;
  for (let i = 0; i < m; i++) {
    const ra = findRoot(parent, a[i]);
    const rb = findRoot(parent, b[i]);
    if (ra === rb) continue;
    const wi = w[i];
    if (wi <= threshold[ra] && wi <= threshold[rb]) {
      const r = joinRoots(parent, size, ra, rb);
      threshold[r] = wi + k / size[r];
    }
  }
  // Small components join their neighbour along the lightest edge; stop once none is left.
  // Components only grow, so an edge between two pixels of big components is skipped without finds.
  const inSmall = new Uint8Array(n);
  let small = 0;
  for (let p = 0; p < n; p++) {
    const r = findRoot(parent, p);
    if (size[r] < minSizePx) {
      inSmall[p] = 1;
      if (r === p) small++;
    }
  }
  for (let i = 0; i < m && small > 0; i++) {
    if (inSmall[a[i]] === 0 && inSmall[b[i]] === 0) continue;
    const ra = findRoot(parent, a[i]);
    const rb = findRoot(parent, b[i]);
    if (ra === rb) continue;
    const sa = size[ra] < minSizePx ? 1 : 0;
    const sb = size[rb] < minSizePx ? 1 : 0;
    if (sa + sb === 0) continue;
    const r = joinRoots(parent, size, ra, rb);
    small -= sa + sb - (size[r] < minSizePx ? 1 : 0);
  }
  const labels = new Int32Array(n);
  const labelOfRoot = new Int32Array(n).fill(-1);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const r = findRoot(parent, p);
    if (labelOfRoot[r] === -1) labelOfRoot[r] = count++;
    labels[p] = labelOfRoot[r];
  }
  return { width, height, labels, count };
}

export function felzenszwalbSegment(image: PlanarImage, options: FelzenszwalbOptions): Segmentation {
  return segmentFromEdges(buildSortedEdges(image, options.sigma), options.k, options.minSizePx);
}
