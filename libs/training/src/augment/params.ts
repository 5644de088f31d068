import type { Rng } from '@googlenet/util';
import type { AugmentConfig, Interpolation } from './config.js';
import { sampleCropBox, type CropBox } from './crop.js';

/** Every random choice of one training image's augmentation, drawn up front (pure, reproducible). */
export interface AugmentParams {
  crop: CropBox;
  interpolation: Interpolation;
  flip: boolean;
  brightnessFactor: number;
  contrastFactor: number;
  saturationFactor: number;
  /** AlexNet PCA lighting coefficients, each ~ N(0, pcaLightingStd). */
  lightingAlpha: [number, number, number];
}

/** Draws the parameters in a fixed order and number of draws, so a seed fixes them exactly. */
export function drawAugmentParams(rng: Rng, imageWidthPx: number, imageHeightPx: number, cfg: AugmentConfig): AugmentParams {
  if (cfg.interpolations.length === 0) throw new Error('augment.interpolations must not be empty');
  const crop = sampleCropBox(rng, imageWidthPx, imageHeightPx, cfg);
  const interpolation = cfg.interpolations[rng.int(cfg.interpolations.length)]!;
  const flip = rng.next() < cfg.flipProbability;
  const jitter = (x: number) => {
    const u = rng.uniform(1 - x, 1 + x);
    return x > 0 ? u : 1;
  };
  const brightnessFactor = jitter(cfg.brightness);
  const contrastFactor = jitter(cfg.contrast);
  const saturationFactor = jitter(cfg.saturation);
  const lightingAlpha: [number, number, number] = [0, 0, 0].map(() => rng.normal() * cfg.pcaLightingStd) as [number, number, number];
  return { crop, interpolation, flip, brightnessFactor, contrastFactor, saturationFactor, lightingAlpha };
}
