import type { TrainConfig, TrainRecipe } from '../types.js';

/**
 * The training library's PAPER_RECIPE (fields left out below): the paper where it states the
 * recipe (momentum 0.9, ×0.96 every 8 epochs, aux weight 0.3, Polyak averaging) and Caffe's
 * reference solver where it does not (base lr 0.01, batch 32, weight decay 2e-4, ≈ 60 epochs).
 * 7 members differing in their seed, the last one wider (the paper: "one of them wider").
 */
const recipe: Partial<TrainRecipe> = { inputSizePx: 224, width: 1, checkpointEverySteps: 5000 };

export const m1: Partial<TrainRecipe> = { ...recipe, seed: 101 };
export const m2: Partial<TrainRecipe> = { ...recipe, seed: 102 };
export const m3: Partial<TrainRecipe> = { ...recipe, seed: 103 };
export const m4: Partial<TrainRecipe> = { ...recipe, seed: 104 };
export const m5: Partial<TrainRecipe> = { ...recipe, seed: 105 };
export const m6: Partial<TrainRecipe> = { ...recipe, seed: 106 };
export const m7: Partial<TrainRecipe> = { ...recipe, seed: 107, width: 1.25 };

export const train: TrainConfig = {
  backend: 'tensorflow-gpu',
  members: [m1, m2, m3, m4, m5, m6, m7].map((recipe, i) => ({ name: `m${i + 1}`, recipe })),
};
