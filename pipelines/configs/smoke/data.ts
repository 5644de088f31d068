import type { DataConfig } from '../types.js';

/** A handful of generated images: enough to run every stage, not to learn anything. */
export const data: DataConfig = {
  source: {
    kind: 'synth',
    seed: 7,
    classes: 4,
    trainImagesPerClass: 4,
    valImagesPerClass: 2,
    minSidePx: 40,
    maxSidePx: 56,
    detTrainImages: 6,
    detValImages: 4,
  },
  splits: ['train', 'val', 'det-train', 'det-val'],
  storedShorterSidePx: 48,
  rowsPerShard: 8,
};
