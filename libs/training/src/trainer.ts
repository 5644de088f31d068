import * as tf from '@tensorflow/tfjs';
import { Rng, type RngState } from '@googlenet/util';
import type { TrainConfig } from './config.js';
import { controlDropout, type DropoutControl } from './dropout.js';
import { PolyakAverage } from './polyak.js';
import { learningRate } from './schedule.js';

export type TrainerConfig = Pick<
  TrainConfig,
  'baseLr' | 'lrSchedule' | 'momentum' | 'weightDecay' | 'auxLossWeight' | 'polyak' | 'accumulateSteps' | 'seed'
>;

export interface TrainerClock {
  /** Optimizer steps per epoch (epoch-based schedules). */
  stepsPerEpoch: number;
  /** Optimizer steps of the whole run (poly schedule). */
  totalSteps: number;
}

/** Losses of one micro-batch; `applied` is true when it completed an optimizer step. */
export interface StepResult {
  loss: number;
  mainLoss: number;
  /** Sum of the auxiliary heads' losses (unweighted); 0 without aux heads. */
  auxLoss: number;
  lr: number;
  applied: boolean;
  /** Optimizer steps done after this call. */
  step: number;
}

/** Raised before a non-finite loss touches the weights; the last checkpoint stays the good one. */
export class NonFiniteLossError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
  ) {
    super(`loss became ${loss} at optimizer step ${step}: training diverged (lower baseLr?); weights were not updated`);
  }
}

export interface TrainerState {
  step: number;
  polyakCount: number;
  rng: RngState;
}

/**
 * SGD with momentum in Caffe's form (v ← μ·v + lr·(g + λ·w), w ← w − v; λ only on kernels, i.e.
 * weights of rank ≥ 2, never biases), loss = main cross-entropy + auxLossWeight × each auxiliary
 * head's, gradients averaged over `accumulateSteps` micro-batches, Polyak average after each step.
 */
export class Trainer {
  readonly variables: tf.Variable[];
  readonly decays: boolean[];
  readonly momentumSlots: tf.Variable[];
  readonly polyak: PolyakAverage;
  readonly numClasses: number;
  private readonly mainOutput: number;
  private readonly dropout: DropoutControl;
  private rng: Rng;
  private accumulated: tf.Tensor[] | null = null;
  private accumulatedCount = 0;
  private accumulatedLosses = { loss: 0, mainLoss: 0, auxLoss: 0 };
  step = 0;
  /** Largest tf.memory().numBytes seen with the forward activations alive. */
  peakTensorBytes = 0;

  constructor(
    readonly model: tf.LayersModel,
    readonly config: TrainerConfig,
    readonly clock: TrainerClock,
  ) {
    this.variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.decays = this.variables.map((v) => v.rank >= 2);
    // tidy frees the initial values; variables survive it.
    this.momentumSlots = tf.tidy(() => this.variables.map((v) => tf.variable(tf.zerosLike(v), false)));
    this.polyak = new PolyakAverage(config.polyak, this.variables);
    this.rng = Rng.derive(config.seed, 0xd409);
    const names = model.outputNames;
    this.mainOutput = Math.max(0, names.findIndex((n) => n.startsWith('main')));
    const shape = (Array.isArray(model.outputs) ? model.outputs : [model.outputs])[this.mainOutput]!.shape;
    this.numClasses = shape[shape.length - 1]!;
    this.dropout = controlDropout(model);
  }

  get lr(): number {
    return learningRate(this.config.baseLr, this.config.lrSchedule, { step: this.step, ...this.clock });
  }

  /** Forward + backward on one micro-batch (NHWC, network-ready); applies the update every `accumulateSteps` calls. */
  trainStep(xs: tf.Tensor, labels: Int32Array | tf.Tensor): StepResult {
    const { value, grads, mainLoss, auxLoss } = this.dropout.training(
      () => this.rng.nextUint32() || 1, // never 0: tfjs reads seed 0 as none (Math.random)
      () => {
        let kept: tf.Scalar[] = [];
        const result = tf.variableGrads(() => {
          const labelTensor = labels instanceof tf.Tensor ? labels.toInt() : tf.tensor1d(labels, 'int32');
          const oneHot = tf.oneHot(labelTensor.flatten(), this.numClasses);
          const out = this.model.apply(xs) as tf.Tensor | tf.Tensor[];
          const outs = Array.isArray(out) ? out : [out];
          const main = tf.losses.softmaxCrossEntropy(oneHot, outs[this.mainOutput]!) as tf.Scalar;
          let aux = tf.scalar(0);
          outs.forEach((o, i) => {
            if (i !== this.mainOutput) aux = tf.add(aux, tf.losses.softmaxCrossEntropy(oneHot, o));
          });
          this.peakTensorBytes = Math.max(this.peakTensorBytes, tf.memory().numBytes);
          kept = [tf.keep(main), tf.keep(aux)];
          return tf.add(main, tf.mul(aux, this.config.auxLossWeight)) as tf.Scalar;
        }, this.variables);
        return { ...result, mainLoss: kept[0]!, auxLoss: kept[1]! };
      },
    );
    const [loss, main, aux] = [value.dataSync()[0]!, mainLoss.dataSync()[0]!, auxLoss.dataSync()[0]!];
    tf.dispose([value, mainLoss, auxLoss]);
    if (!Number.isFinite(loss)) {
      tf.dispose(Object.values(grads));
      throw new NonFiniteLossError(this.step, loss);
    }
    const k = this.config.accumulateSteps;
    const ordered = this.variables.map((v) => grads[v.name]!);
    if (this.accumulated === null) {
      this.accumulated = tf.tidy(() => ordered.map((g) => (k === 1 ? g.clone() : tf.div(g, k))));
    } else {
      const prev = this.accumulated;
      this.accumulated = tf.tidy(() => ordered.map((g, i) => tf.add(prev[i]!, tf.div(g, k))));
      tf.dispose(prev);
    }
    tf.dispose(ordered);
    this.accumulatedCount++;
    this.accumulatedLosses.loss += loss / k;
    this.accumulatedLosses.mainLoss += main / k;
    this.accumulatedLosses.auxLoss += aux / k;
    const lr = this.lr;
    if (this.accumulatedCount < k) return { loss, mainLoss: main, auxLoss: aux, lr, applied: false, step: this.step };
    this.applyUpdate(this.accumulated, lr);
    tf.dispose(this.accumulated);
    this.accumulated = null;
    this.accumulatedCount = 0;
    const losses = this.accumulatedLosses;
    this.accumulatedLosses = { loss: 0, mainLoss: 0, auxLoss: 0 };
    return { ...losses, lr, applied: true, step: this.step };
  }

  private applyUpdate(grads: tf.Tensor[], lr: number): void {
    const { momentum, weightDecay } = this.config;
    tf.tidy(() => {
      this.variables.forEach((w, i) => {
        const g = this.decays[i] && weightDecay > 0 ? tf.add(grads[i]!, tf.mul(w, weightDecay)) : grads[i]!;
        const v = tf.add(tf.mul(this.momentumSlots[i]!, momentum), tf.mul(g, lr));
        this.momentumSlots[i]!.assign(v);
        w.assign(tf.sub(w, v));
      });
    });
    this.polyak.update(this.variables, this.step);
    this.step++;
  }

  /** Runs `fn` with the Polyak-averaged weights in the model, then restores the raw ones. */
  withAveragedWeights<T>(fn: () => T): T {
    const saved = this.variables.map((v) => v.clone());
    this.variables.forEach((v, i) => v.assign(this.polyak.averages[i]!));
    try {
      return fn();
    } finally {
      this.variables.forEach((v, i) => v.assign(saved[i]!));
      tf.dispose(saved);
    }
  }

  /** Async variant of withAveragedWeights (saving a model is async). */
  async withAveragedWeightsAsync<T>(fn: () => Promise<T>): Promise<T> {
    const saved = this.variables.map((v) => v.clone());
    this.variables.forEach((v, i) => v.assign(this.polyak.averages[i]!));
    try {
      return await fn();
    } finally {
      this.variables.forEach((v, i) => v.assign(saved[i]!));
      tf.dispose(saved);
    }
  }

  state(): TrainerState {
    if (this.accumulatedCount !== 0) throw new Error('Trainer.state: in the middle of gradient accumulation');
    return { step: this.step, polyakCount: this.polyak.count, rng: this.rng.state() };
  }

  restore(state: TrainerState): void {
    this.step = state.step;
    this.polyak.count = state.polyakCount;
    this.rng = new Rng(state.rng);
  }

  dispose(): void {
    tf.dispose(this.momentumSlots);
    this.polyak.dispose();
    if (this.accumulated) tf.dispose(this.accumulated);
    this.accumulated = null;
  }
}

/** The lower-level entry: a trainer for any model whose outputs are logits (main first or named main*). */
export function createTrainer(model: tf.LayersModel, config: TrainerConfig, clock: Partial<TrainerClock> = {}): Trainer {
  return new Trainer(model, config, { stepsPerEpoch: clock.stepsPerEpoch ?? 1, totalSteps: clock.totalSteps ?? Number.MAX_SAFE_INTEGER });
}
