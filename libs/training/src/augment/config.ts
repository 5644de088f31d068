// Which augmentations run and their ranges (the paper's section "Training Methodology").

/** The resize filters; core.mjs defines each (bilinear and cubic antialiased as PIL's, area as OpenCV's INTER_AREA). */
export type Interpolation = 'bilinear' | 'area' | 'nearest' | 'cubic';

export interface AugmentConfig {
  /** Random-sized crop: fraction of the image area, paper [0.08, 1]. */
  minAreaFraction: number;
  maxAreaFraction: number;
  /** Aspect ratio (width / height) of the crop, paper [3/4, 4/3]. */
  minAspect: number;
  maxAspect: number;
  /** Interpolations drawn with equal probability for the resize (paper: all four). */
  interpolations: Interpolation[];
  /** Probability of a horizontal mirror. */
  flipProbability: number;
  /** Multiplicative jitter factors are drawn from [1 − x, 1 + x]; 0 disables. */
  brightness: number;
  contrast: number;
  saturation: number;
  /** Standard deviation of AlexNet's PCA lighting coefficients; 0 disables (AlexNet: 0.1). */
  pcaLightingStd: number;
}

export const DEFAULT_AUGMENT: AugmentConfig = {
  minAreaFraction: 0.08,
  maxAreaFraction: 1,
  minAspect: 3 / 4,
  maxAspect: 4 / 3,
  interpolations: ['bilinear', 'area', 'nearest', 'cubic'],
  flipProbability: 0.5,
  brightness: 0.4,
  contrast: 0.4,
  saturation: 0.4,
  pcaLightingStd: 0.1,
};
