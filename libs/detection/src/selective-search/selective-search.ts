import { Rng } from '@googlenet/util';
import type { Rect } from '../boxes.js';
import { convertColourSpace, type ColourSpace } from './colour-spaces.js';
import { buildSortedEdges, segmentFromEdges } from './felzenszwalb.js';
import { hierarchicalGrouping, type SimilarityTerms } from './hierarchical-grouping.js';
import { checkRgbImage, type RgbImage } from './image.js';
import { computePixelBins, computeRegionTable } from './region-features.js';

export type SelectiveSearchMode = 'single' | 'fast' | 'quality';

/** The diversification strategies of Uijlings et al. (2013), Table 5 ("Selective Search Fast/Quality"). */
export interface SelectiveSearchStrategy {
  colourSpaces: ColourSpace[];
  /** Felzenszwalb–Huttenlocher thresholds (also the minimum region size in pixels, as in their code). */
  ks: number[];
  similarities: SimilarityTerms[];
}

const CTSF: SimilarityTerms = { colour: true, texture: true, size: true, fill: true };
const TSF: SimilarityTerms = { colour: false, texture: true, size: true, fill: true };
const F: SimilarityTerms = { colour: false, texture: false, size: false, fill: true };
const S: SimilarityTerms = { colour: false, texture: false, size: true, fill: false };

export const SELECTIVE_SEARCH_MODES: Record<SelectiveSearchMode, SelectiveSearchStrategy> = {
  single: { colourSpaces: ['hsv'], ks: [100], similarities: [CTSF] },
  fast: { colourSpaces: ['hsv', 'lab'], ks: [50, 100], similarities: [CTSF, TSF] },
  quality: { colourSpaces: ['hsv', 'lab', 'rgI', 'H', 'I'], ks: [50, 100, 150, 300], similarities: [CTSF, TSF, F, S] },
};

export interface SelectiveSearchOptions {
  mode?: SelectiveSearchMode;
  /** Overrides the mode's strategy list. */
  strategy?: SelectiveSearchStrategy;
  /**
   * Multiplies every k (and minimum region size). The GoogLeNet detection entry used 2: "the
   * superpixel size was increased by 2×", halving the number of proposals.
   */
  kScale?: number;
  /** Gaussian smoothing before segmentation (0.8 in Uijlings et al.). */
  sigma?: number;
  /** Boxes narrower or shorter than this are dropped (0: keep all). */
  minBoxSidePx?: number;
  /** Keep at most this many proposals (after ranking and de-duplication). */
  maxProposals?: number;
  /** Seed of the pseudo-random ranking. */
  seed?: number;
}

/**
 * Selective search: for every colour space × k × similarity strategy, segment the image, group the
 * regions hierarchically and collect the boxes of every region of the hierarchy; then rank them
 * as Uijlings et al. do (position in the hierarchy, 1 = the last merge, times a random number in
 * [0, 1), ascending across all strategies) and drop duplicate boxes, keeping the best-ranked copy.
 * Deterministic for a given image and options.
 */
export function selectiveSearch(image: RgbImage, options: SelectiveSearchOptions = {}): Rect[] {
  checkRgbImage(image, 'selectiveSearch');
  const strategy = options.strategy ?? SELECTIVE_SEARCH_MODES[options.mode ?? 'fast'];
  const kScale = options.kScale ?? 1;
  const sigma = options.sigma ?? 0.8;
  const minSide = options.minBoxSidePx ?? 0;
  if (!(kScale > 0)) throw new Error(`selectiveSearch: kScale must be positive, got ${kScale}`);
  const rng = new Rng(options.seed ?? 0);
  const imageSizePx = image.width * image.height;

  const ranked: { box: Rect; priority: number }[] = [];
  for (const space of strategy.colourSpaces) {
    const planar = convertColourSpace(image, space);
    const edges = buildSortedEdges(planar, sigma);
    const bins = computePixelBins(planar);
    for (const k0 of strategy.ks) {
      const k = k0 * kScale;
      const seg = segmentFromEdges(edges, k, k);
      const table = computeRegionTable(seg, bins);
      for (const terms of strategy.similarities) {
        const regions = hierarchicalGrouping(table, imageSizePx, terms);
        const total = regions.length;
        for (const r of regions) {
          ranked.push({ box: { xmin: r.xmin, ymin: r.ymin, xmax: r.xmax, ymax: r.ymax }, priority: (total - r.created) * rng.next() });
        }
      }
    }
  }
  ranked.sort((a, b) => a.priority - b.priority);
  const seen = new Set<number>();
  const out: Rect[] = [];
  const max = options.maxProposals ?? Infinity;
  for (const { box } of ranked) {
    if (out.length >= max) break;
    if (box.xmax - box.xmin + 1 < minSide || box.ymax - box.ymin + 1 < minSide) continue;
    const key = ((box.xmin * image.height + box.ymin) * image.width + box.xmax) * image.height + box.ymax;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(box);
  }
  return out;
}
