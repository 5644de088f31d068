import type { ExperimentConfig } from './types.js';
import { data } from './demo/data.js';
import { train } from './demo/train.js';
import { evaluate } from './demo/evaluate.js';
import { detect } from './demo/detect.js';

/** The default: the whole chain on generated data, on CPU/WASM, in at most 25 minutes on 2 cores. */
export const demo: ExperimentConfig = {
  name: 'demo',
  expects:
    'Generated 12-class data: the ensemble top-1 error on validation far below chance (91.7%; measured 8.3% with 144 crops), ' +
    'the 10- and 144-crop errors no worse than 1 crop, and a detection mAP above 0 on the generated objects. ' +
    'The absolute numbers say nothing about ImageNet.',
  data,
  train,
  evaluate,
  detect,
};
