import type { ExperimentConfig } from './types.js';
import { data } from './smoke/data.js';
import { train } from './smoke/train.js';
import { evaluate } from './smoke/evaluate.js';
import { detect } from './smoke/detect.js';

/** The demo chain on a handful of images and steps, in at most 3 minutes: run by `npm test`. */
export const smoke: ExperimentConfig = {
  name: 'smoke',
  expects:
    'Every stage runs and writes its JSON; the report holds the numbers. The errors are near chance ' +
    '(4 classes, one epoch): this configuration tests the plumbing, not the network.',
  data,
  train,
  evaluate,
  detect,
};
