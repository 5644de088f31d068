/**
 * The training recipe as typed data. Units are in the names: pixels (`Px`), epochs, optimizer
 * steps (one step = `accumulateSteps` micro-batches of `batchSize` images).
 */
import type { AugmentConfig } from './augment/config.js';
import { DEFAULT_AUGMENT } from './augment/config.js';

/** Learning-rate schedules as data (see schedule.ts for the arithmetic). */
export type LrSchedule =
  /** The paper's: lr × gamma every `everyEpochs` epochs ("decreased by 4% every 8 epochs"). */
  | { kind: 'step'; gamma: number; everyEpochs: number }
  /** Caffe's step policy: lr × gamma every `everyIters` optimizer steps. */
  | { kind: 'step'; gamma: number; everyIters: number }
  /** Caffe's poly policy: lr × (1 − step/maxSteps)^power (needs `maxSteps` or `epochs`). */
  | { kind: 'poly'; power: number }
  | { kind: 'constant' };

/**
 * Polyak averaging of the weights, kept beside them and exported as the final model.
 * - `ema`: avg ← d·avg + (1−d)·w with d = min(decay, (1+n)/(10+n)) after the n-th update (the
 *   warm-up of TensorFlow's ExponentialMovingAverage, so short runs are not dominated by the init).
 * - `mean`: the arithmetic mean of the weights after every step from `startStep` on (Polyak and
 *   Juditsky's original averaging).
 */
export type PolyakConfig = { kind: 'ema'; decay: number } | { kind: 'mean'; startStep: number };

export interface TrainConfig {
  /** Side of the square network input, pixels (paper: 224). */
  inputSizePx: number;
  /** Width multiplier of every layer's channel count (1 = Table 1; the ensemble has a wider one). */
  width: number;
  /** Number of classes; taken from the shard manifest when omitted. */
  numClasses?: number;
  /** Keep the two auxiliary classifiers (training only; paper: yes). */
  auxHeads: boolean;
  /** Local response normalisation after conv1 and conv2 (paper/Caffe: yes). */
  lrn: boolean;
  /** Dropout rate before the main classifier (paper: 0.4) and in the auxiliary heads (paper: 0.7). */
  dropoutMain: number;
  dropoutAux: number;
  /** Images per micro-batch (what is in memory at once). */
  batchSize: number;
  /** Micro-batches whose gradients are averaged into one optimizer step (effective batch = batchSize × accumulateSteps). */
  accumulateSteps: number;
  /** Passes over the training shards. */
  epochs: number;
  /** Stop after this many optimizer steps even if `epochs` are not done (tests, smoke runs). */
  maxSteps?: number;
  /** Initial learning rate. */
  baseLr: number;
  lrSchedule: LrSchedule;
  /** Momentum coefficient (paper: 0.9). */
  momentum: number;
  /** L2 weight decay on kernels (rank ≥ 2 weights), never on biases. */
  weightDecay: number;
  /** Weight of each auxiliary classifier's loss (paper: 0.3). */
  auxLossWeight: number;
  polyak: PolyakConfig;
  /** Seed of initialisation, sampling order, augmentation and dropout (ensemble members differ only here). */
  seed: number;
  /** Write a checkpoint every this many optimizer steps (and always at the end of every epoch). */
  checkpointEverySteps: number;
  augment: AugmentConfig;
  /** Validate (single centre crop) every this many steps; 0 = only per epoch / at the end. */
  valEverySteps: number;
  /** Validate every this many epochs; 0 = only at the end. */
  valEveryEpochs: number;
  /** Micro-batches decoded and augmented ahead of the training step. */
  prefetchBatches: number;
}

/**
 * GoogLeNet as trained for ILSVRC 2014, single model: momentum 0.9, −4% every 8 epochs, Polyak
 * averaging (paper); batch 32, base lr 0.01, weight decay 2e-4 (Caffe's bvlc_googlenet
 * quick_solver's neighbours; the paper states none of these). Expected result on ILSVRC 2012
 * val: 10.07% top-5 error, single model, single crop (Table 3, row 1). Epoch count: the paper
 * does not state it; Caffe's reference runs 2.4M iterations of 32 ≈ 60 epochs.
 */
export const PAPER_RECIPE: TrainConfig = {
  inputSizePx: 224,
  width: 1,
  numClasses: 1000,
  auxHeads: true,
  lrn: true,
  dropoutMain: 0.4,
  dropoutAux: 0.7,
  batchSize: 32,
  accumulateSteps: 1,
  epochs: 60,
  baseLr: 0.01,
  lrSchedule: { kind: 'step', gamma: 0.96, everyEpochs: 8 },
  momentum: 0.9,
  weightDecay: 2e-4,
  auxLossWeight: 0.3,
  polyak: { kind: 'ema', decay: 0.9999 },
  seed: 1,
  checkpointEverySteps: 5000,
  augment: DEFAULT_AUGMENT,
  valEverySteps: 0,
  valEveryEpochs: 1,
  prefetchBatches: 2,
};

/** What a config file or a caller gives: any subset of the fields, augment options included. */
export type TrainConfigInput = Partial<Omit<TrainConfig, 'augment'>> & { augment?: Partial<AugmentConfig> };

/** Fills a partial config from PAPER_RECIPE and checks every field; errors name `source`. */
export function resolveConfig(partial: TrainConfigInput, source = 'config'): TrainConfig {
  const config: TrainConfig = {
    ...PAPER_RECIPE,
    numClasses: undefined,
    ...partial,
    augment: { ...PAPER_RECIPE.augment, ...(partial.augment ?? {}) },
  };
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  const posInt = (name: keyof TrainConfig) => {
    const v = config[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  };
  const nonNegInt = (name: keyof TrainConfig) => {
    const v = config[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  };
  (['inputSizePx', 'batchSize', 'accumulateSteps', 'epochs', 'checkpointEverySteps', 'prefetchBatches'] as const).forEach(posInt);
  (['valEverySteps', 'valEveryEpochs', 'seed'] as const).forEach(nonNegInt);
  if (config.maxSteps !== undefined) posInt('maxSteps');
  if (config.numClasses !== undefined) posInt('numClasses');
  if (!(config.width > 0)) fail(`width must be > 0, got ${config.width}`);
  if (!(config.baseLr > 0)) fail(`baseLr must be > 0, got ${config.baseLr}`);
  if (!(config.momentum >= 0 && config.momentum < 1)) fail(`momentum must be in [0, 1), got ${config.momentum}`);
  if (!(config.weightDecay >= 0)) fail(`weightDecay must be >= 0, got ${config.weightDecay}`);
  for (const k of ['dropoutMain', 'dropoutAux'] as const) if (!(config[k] >= 0 && config[k] < 1)) fail(`${k} must be in [0, 1), got ${config[k]}`);
  if (!(config.auxLossWeight >= 0)) fail(`auxLossWeight must be >= 0, got ${config.auxLossWeight}`);
  const s = config.lrSchedule as LrSchedule & Record<string, unknown>;
  if (s.kind === 'step') {
    if (!(typeof s.gamma === 'number' && s.gamma > 0)) fail(`lrSchedule.gamma must be > 0`);
    const every = 'everyEpochs' in s ? s.everyEpochs : s.everyIters;
    if (!(typeof every === 'number' && every > 0)) fail(`lrSchedule of kind 'step' needs everyEpochs or everyIters > 0`);
  } else if (s.kind === 'poly') {
    if (!(typeof s.power === 'number' && s.power > 0)) fail(`lrSchedule.power must be > 0`);
  } else if (s.kind !== 'constant') {
    fail(`lrSchedule.kind must be 'step', 'poly' or 'constant', got ${JSON.stringify((s as { kind: unknown }).kind)}`);
  }
  const p = config.polyak;
  if (p.kind === 'ema') {
    if (!(p.decay > 0 && p.decay < 1)) fail(`polyak.decay must be in (0, 1), got ${p.decay}`);
  } else if (p.kind === 'mean') {
    if (!(Number.isInteger(p.startStep) && p.startStep >= 0)) fail(`polyak.startStep must be a non-negative integer`);
  } else {
    fail(`polyak.kind must be 'ema' or 'mean'`);
  }
  return config;
}
