import type { DataConfig } from '../types.js';

/** The real ILSVRC 2012 classification data and the 2014 DET data, from $ILSVRC_ROOT. */
export const data: DataConfig = {
  source: { kind: 'ilsvrc', rootEnv: 'ILSVRC_ROOT' },
  splits: ['train', 'val', 'det-train', 'det-val'],
  // Stored at the largest test scale, so that 144-crop evaluation never upsamples.
  storedShorterSidePx: 352,
  rowsPerShard: 1024,
};
