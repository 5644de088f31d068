import type { ExperimentConfig } from './types.js';
import { demo } from './demo.js';
import { smoke } from './smoke.js';
import { ilsvrc } from './ilsvrc.js';

export type { ExperimentConfig } from './types.js';
export * from './types.js';

/** Every named configuration; the Nx configurations of the pipelines project have the same names. */
export const CONFIGS: Record<ExperimentConfig['name'], ExperimentConfig> = { demo, smoke, ilsvrc };
