import type { DetectConfig } from '../types.js';

export const detect: DetectConfig = {
  backend: 'cpu',
  enabled: true,
  proposalsPerImage: 20,
  finetuneSteps: 2,
  finetuneBatch: 8,
  exampleImages: 2,
};
