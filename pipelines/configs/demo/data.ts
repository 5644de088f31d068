import type { DataConfig } from '../types.js';

/**
 * 12 generated classes (6 shapes × 2 colours, so neither cue alone names a class), 480 training
 * and 120 validation images of 80–112 px, plus a small detection set.
 */
export const data: DataConfig = {
  source: {
    kind: 'synth',
    seed: 2014,
    classes: 12,
    trainImagesPerClass: 40,
    valImagesPerClass: 10,
    minSidePx: 80,
    maxSidePx: 112,
    detTrainImages: 60,
    detValImages: 20,
  },
  splits: ['train', 'val', 'det-train', 'det-val'],
  storedShorterSidePx: 96,
  rowsPerShard: 256,
};
