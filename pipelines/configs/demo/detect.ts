import type { DetectConfig } from '../types.js';

/** R-CNN on the generated DET images: proposals, fine-tune member m1 as region classifier, infer, mAP. */
export const detect: DetectConfig = {
  backend: 'auto',
  enabled: true,
  proposalsPerImage: 200,
  finetuneSteps: 60,
  finetuneBatch: 16,
  exampleImages: 8,
};
