import type { EvaluateConfig } from '../types.js';

/** All three crop schemes of Table 3, single model and ensemble, on the first 60 validation images (144 crops × 2 models is the cost). */
export const evaluate: EvaluateConfig = {
  backend: 'auto',
  crops: [1, 10, 144],
  batchSize: 64,
  maxImages: 60,
};
