import type { DetectConfig } from '../types.js';

/** Table 4/5's single-model setting: selective search proposals, R-CNN fine-tuning, no box regression. */
export const detect: DetectConfig = {
  backend: 'tensorflow-gpu',
  enabled: true,
  proposalsPerImage: 2000,
  finetuneSteps: 50000,
  finetuneBatch: 128,
  exampleImages: 12,
};
