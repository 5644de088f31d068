import type { TrainConfig, TrainRecipe } from '../types.js';

/** Two tiny members, a few steps each: the chain's plumbing, not a result. */
const recipe: Partial<TrainRecipe> = {
  inputSizePx: 64,
  width: 0.0625,
  batchSize: 8,
  epochs: 1,
  maxSteps: 2,
  baseLr: 0.01,
  lrSchedule: { kind: 'step', gamma: 0.96, everyEpochs: 1 },
  polyak: { kind: 'ema', decay: 0.9 },
  checkpointEverySteps: 1000,
  valEveryEpochs: 1,
};

export const m1: Partial<TrainRecipe> = { ...recipe, seed: 1 };
export const m2: Partial<TrainRecipe> = { ...recipe, seed: 2 };

export const train: TrainConfig = {
  backend: 'cpu',
  members: [
    { name: 'm1', recipe: m1 },
    { name: 'm2', recipe: m2 },
  ],
};
