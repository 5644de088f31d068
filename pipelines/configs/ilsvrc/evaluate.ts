import type { EvaluateConfig } from '../types.js';

/** Table 3: 1, 10 and 144 crops, single model and the 7-model ensemble, all 50,000 val images. */
export const evaluate: EvaluateConfig = {
  backend: 'tensorflow-gpu',
  crops: [1, 10, 144],
  batchSize: 128,
};
