import { PairHeap } from './max-heap.js';
import type { RegionTable } from './region-features.js';

/** Which similarity terms a grouping strategy sums (Uijlings et al. 2013, section 3.2). */
export interface SimilarityTerms {
  colour: boolean;
  texture: boolean;
  size: boolean;
  fill: boolean;
}

/** A region of the hierarchy: its box and when it was made (0 = first initial region). */
export interface GroupedRegion {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  /** Index in creation order: initial regions 0..R−1, then merges R, R+1, …, the whole image last. */
  created: number;
}

function histogramIntersection(h: Float32Array, i: number, j: number, dims: number): number {
  let s = 0;
  const oi = i * dims;
  const oj = j * dims;
  for (let d = 0; d < dims; d++) {
    const x = h[oi + d];
    const y = h[oj + d];
    s += x < y ? x : y;
  }
  return s;
}

/**
 * Greedy hierarchical grouping: repeatedly merge the most similar pair of neighbouring regions
 * until one region is left. Merged descriptors are size-weighted averages of the histograms and the
 * union of the boxes. Writes merged regions into slots ≥ R of `table`, leaving the initial ones
 * intact so the same table serves several strategies.
 */
export function hierarchicalGrouping(table: RegionTable, imageSizePx: number, terms: SimilarityTerms): GroupedRegion[] {
  const { initialCount: R, colourDims, textureDims, sizePx, box, colourHist, textureHist } = table;
  const similarity = (i: number, j: number): number => {
    let s = 0;
    if (terms.colour) s += histogramIntersection(colourHist, i, j, colourDims);
    if (terms.texture) s += histogramIntersection(textureHist, i, j, textureDims);
    if (terms.size) s += 1 - (sizePx[i] + sizePx[j]) / imageSizePx;
    if (terms.fill) {
      const bw = Math.max(box[4 * i + 2], box[4 * j + 2]) - Math.min(box[4 * i], box[4 * j]) + 1;
      const bh = Math.max(box[4 * i + 3], box[4 * j + 3]) - Math.min(box[4 * i + 1], box[4 * j + 1]) + 1;
      s += 1 - (bw * bh - sizePx[i] - sizePx[j]) / imageSizePx;
    }
    return s;
  };

  const neighbours: Set<number>[] = Array.from({ length: 2 * R }, () => new Set<number>());
  const alive = new Uint8Array(2 * R);
  alive.fill(1, 0, R);
  const heap = new PairHeap(Math.max(16, 2 * table.neighbours.length));
  for (const [i, j] of table.neighbours) {
    neighbours[i].add(j);
    neighbours[j].add(i);
    heap.push(similarity(i, j), i, j);
  }

  const regions: GroupedRegion[] = [];
  for (let r = 0; r < R; r++) {
    regions.push({ xmin: box[4 * r], ymin: box[4 * r + 1], xmax: box[4 * r + 2], ymax: box[4 * r + 3], created: r });
  }
  let next = R;
  while (heap.size > 0) {
    const [, i, j] = heap.pop()!;
    if (!alive[i] || !alive[j]) continue;
    const t = next++;
    const si = sizePx[i];
    const sj = sizePx[j];
    const st = si + sj;
    sizePx[t] = st;
    box[4 * t] = Math.min(box[4 * i], box[4 * j]);
    box[4 * t + 1] = Math.min(box[4 * i + 1], box[4 * j + 1]);
    box[4 * t + 2] = Math.max(box[4 * i + 2], box[4 * j + 2]);
    box[4 * t + 3] = Math.max(box[4 * i + 3], box[4 * j + 3]);
    for (let d = 0; d < colourDims; d++) {
      colourHist[t * colourDims + d] = (si * colourHist[i * colourDims + d] + sj * colourHist[j * colourDims + d]) / st;
    }
    for (let d = 0; d < textureDims; d++) {
      textureHist[t * textureDims + d] = (si * textureHist[i * textureDims + d] + sj * textureHist[j * textureDims + d]) / st;
    }
    alive[i] = 0;
    alive[j] = 0;
    alive[t] = 1;
    const merged = [...new Set([...neighbours[i], ...neighbours[j]])].filter((x) => x !== i && x !== j).sort((u, v) => u - v);
    for (const n of merged) {
      neighbours[n].delete(i);
      neighbours[n].delete(j);
      neighbours[n].add(t);
      neighbours[t].add(n);
      heap.push(similarity(n, t), n, t);
    }
    neighbours[i].clear();
    neighbours[j].clear();
    regions.push({ xmin: box[4 * t], ymin: box[4 * t + 1], xmax: box[4 * t + 2], ymax: box[4 * t + 3], created: t });
  }
  return regions;
}
