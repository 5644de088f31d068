export { selectiveSearch, SELECTIVE_SEARCH_MODES, type SelectiveSearchMode, type SelectiveSearchOptions, type SelectiveSearchStrategy } from './selective-search.js';
export { felzenszwalbSegment, buildSortedEdges, segmentFromEdges, type Segmentation, type SortedEdges, type FelzenszwalbOptions } from './felzenszwalb.js';
export { hierarchicalGrouping, type SimilarityTerms, type GroupedRegion } from './hierarchical-grouping.js';
export { computePixelBins, computeRegionTable, type RegionTable, type PixelBins } from './region-features.js';
export { convertColourSpace, rgbToHsv, rgbToLab, COLOUR_SPACES, type ColourSpace } from './colour-spaces.js';
export { gaussianBlur, gaussianKernel } from './filters.js';
export { checkRgbImage, type RgbImage, type PlanarImage } from './image.js';
