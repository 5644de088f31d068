import type { ExperimentConfig } from './types.js';
import { data } from './ilsvrc/data.js';
import { train } from './ilsvrc/train.js';
import { evaluate } from './ilsvrc/evaluate.js';
import { detect } from './ilsvrc/detect.js';

/** Paper scale on a GPU machine: needs ILSVRC_ROOT and @tensorflow/tfjs-node-gpu. */
export const ilsvrc: ExperimentConfig = {
  name: 'ilsvrc',
  expects:
    'Table 3 within about a point of the paper: single model, 1 crop ≈ 10.07% top-5 error; ' +
    '7 models × 144 crops ≈ 6.67%. Detection (Table 5, single model, no MultiBox proposals): ' +
    'somewhat below 38.02% mAP. Takes GPU-weeks.',
  data,
  train,
  evaluate,
  detect,
};
