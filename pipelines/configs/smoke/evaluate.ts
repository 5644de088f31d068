import type { EvaluateConfig } from '../types.js';

/** 1 and 10 crops only: 144 crops of every image would dominate the smoke run's time. */
export const evaluate: EvaluateConfig = {
  backend: 'cpu',
  crops: [1, 10],
  batchSize: 16,
};
