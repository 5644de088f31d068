import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAPER_RECIPE } from './config.js';
import { PolyakAverage } from './polyak.js';
import { NonFiniteLossError, createTrainer, type TrainerConfig } from './trainer.js';

/** logits = x·W + b: a model small enough to do its SGD by hand. */
function linearModel(W: number[][], b: number[]): tf.LayersModel {
  const input = tf.input({ shape: [2] });
  const dense = tf.layers.dense({ units: 2, name: 'main_logits' });
  const model = tf.model({ inputs: input, outputs: dense.apply(input) as tf.SymbolicTensor });
  dense.setWeights([tf.tensor2d(W), tf.tensor1d(b)]);
  return model;
}

const base: TrainerConfig = { ...PAPER_RECIPE, baseLr: 0.1, momentum: 0.9, weightDecay: 0.01, lrSchedule: { kind: 'constant' }, accumulateSteps: 1 };

/** One Caffe SGD step in float64, written out: v ← μv + lr(g + λw) (λ on W only), w ← w − v. */
function handStep(W: number[][], b: number[], vW: number[][], vb: number[], x: number[], label: number, lr: number, mu: number, wd: number) {
  const z = [0, 1].map((j) => x[0]! * W[0]![j]! + x[1]! * W[1]![j]! + b[j]!);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const p = e.map((v) => v / (e[0]! + e[1]!));
  const dz = p.map((v, j) => v - (j === label ? 1 : 0));
  const loss = -Math.log(p[label]!);
  const nvW = W.map((row, i) => row.map((w, j) => mu * vW[i]![j]! + lr * (x[i]! * dz[j]! + wd * w)));
  const nvb = b.map((_, j) => mu * vb[j]! + lr * dz[j]!);
  return { W: W.map((row, i) => row.map((w, j) => w - nvW[i]![j]!)), b: b.map((v, j) => v - nvb[j]!), vW: nvW, vb: nvb, loss };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer (SGD momentum, weight decay on kernels only)', () => {
  it('matches hand arithmetic for two steps', () => {
    const W0 = [
      [0.1, -0.2],
      [0.3, 0.4],
    ];
    const b0 = [0.05, -0.05];
    const model = linearModel(W0, b0);
    const before = tf.memory().numTensors;
    const trainer = createTrainer(model, base);
    let hand = { W: W0, b: b0, vW: [[0, 0], [0, 0]], vb: [0, 0], loss: 0 };
    const x = [1, 2];
    for (const label of [0, 1]) {
      hand = handStep(hand.W, hand.b, hand.vW, hand.vb, x, label, 0.1, 0.9, 0.01);
      const xs = tf.tensor2d([x]);
      const r = trainer.trainStep(xs, new Int32Array([label]));
      xs.dispose();
      expect(r.applied).toBe(true);
      expect(r.loss).toBeCloseTo(hand.loss, 6);
      const [W, b] = model.getWeights();
      expect(Array.from(W!.dataSync()).map((v) => +v.toFixed(6))).toEqual(hand.W.flat().map((v) => +v.toFixed(6)));
      expect(Array.from(b!.dataSync()).map((v) => +v.toFixed(6))).toEqual(hand.b.map((v) => +v.toFixed(6)));
    }
    expect(trainer.step).toBe(2);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reports the loss before the update (hand value of step 1)', () => {
    const model = linearModel([[0.1, -0.2], [0.3, 0.4]], [0, 0]);
    const trainer = createTrainer(model, base);
    const xs = tf.tensor2d([[1, 2]]);
    const r = trainer.trainStep(xs, new Int32Array([0]));
    // z = (0.7, 0.6): loss = −log(e^0.7 / (e^0.7 + e^0.6)) = log(1 + e^−0.1)
    expect(r.loss).toBeCloseTo(Math.log(1 + Math.exp(-0.1)), 6);
    expect(r.mainLoss).toBeCloseTo(r.loss, 9);
    expect(r.auxLoss).toBe(0);
    xs.dispose();
    trainer.dispose();
    model.dispose();
  });

  it('gradient accumulation over 2 micro-batches equals one step on the whole batch', () => {
    const W0 = [[0.2, -0.1], [0.05, 0.3]];
    const full = linearModel(W0, [0, 0]);
    const accum = linearModel(W0, [0, 0]);
    const tFull = createTrainer(full, base);
    const tAcc = createTrainer(accum, { ...base, accumulateSteps: 2 });
    const x = tf.tensor2d([[1, 2], [-1, 0.5]]);
    const rFull = tFull.trainStep(x, new Int32Array([0, 1]));
    const x0 = tf.tensor2d([[1, 2]]);
    const x1 = tf.tensor2d([[-1, 0.5]]);
    expect(tAcc.trainStep(x0, new Int32Array([0])).applied).toBe(false);
    const rAcc = tAcc.trainStep(x1, new Int32Array([1]));
    expect(rAcc.applied).toBe(true);
    expect(rAcc.loss).toBeCloseTo(rFull.loss, 6);
    const a = full.getWeights().map((w) => Array.from(w.dataSync()));
    const b = accum.getWeights().map((w) => Array.from(w.dataSync()));
    a.flat().forEach((v, i) => expect(b.flat()[i]).toBeCloseTo(v, 6));
    tf.dispose([x, x0, x1]);
    tFull.dispose();
    tAcc.dispose();
    full.dispose();
    accum.dispose();
  });

  it('stops on a non-finite loss without touching the weights', () => {
    const model = linearModel([[0.1, 0.2], [0.3, 0.4]], [0, 0]);
    const trainer = createTrainer(model, base);
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const xs = tf.tensor2d([[NaN, 1]]);
    expect(() => trainer.trainStep(xs, new Int32Array([0]))).toThrow(NonFiniteLossError);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    expect(trainer.step).toBe(0);
    xs.dispose();
    trainer.dispose();
    model.dispose();
  });
});

describe('Polyak averaging', () => {
  it("'mean' equals the mean of the weights recorded after each step", () => {
    const model = linearModel([[0.1, -0.2], [0.3, 0.4]], [0.05, -0.05]);
    const trainer = createTrainer(model, { ...base, polyak: { kind: 'mean', startStep: 1 } });
    const recorded: number[][] = [];
    const inputs = [[1, 2], [0.5, -1], [2, 0], [-1, -1]];
    inputs.forEach((x, i) => {
      const xs = tf.tensor2d([x]);
      trainer.trainStep(xs, new Int32Array([i % 2]));
      xs.dispose();
      // startStep 1: the weights after step index ≥ 1 (the 2nd, 3rd and 4th updates) are averaged.
      if (i >= 1) recorded.push(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
    });
    const mean = recorded[0]!.map((_, j) => recorded.reduce((s, r) => s + r[j]!, 0) / recorded.length);
    const avg = trainer.polyak.averages.flatMap((a) => Array.from(a.dataSync()));
    avg.forEach((v, j) => expect(v).toBeCloseTo(mean[j]!, 6));
    expect(trainer.polyak.count).toBe(3);
    // withAveragedWeights swaps the average in and the raw weights back.
    const raw = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const inside = trainer.withAveragedWeights(() => model.getWeights().flatMap((w) => Array.from(w.dataSync())));
    inside.forEach((v, j) => expect(v).toBeCloseTo(mean[j]!, 6));
    expect(model.getWeights().flatMap((w) => Array.from(w.dataSync()))).toEqual(raw);
    trainer.dispose();
    model.dispose();
  });

  it("'ema' follows avg ← d·avg + (1−d)·w with d = min(decay, (1+n)/(10+n))", () => {
    const w0 = tf.tensor1d([0]);
    const p = new PolyakAverage({ kind: 'ema', decay: 0.5 }, [w0]);
    const seq = [10, 20, 40];
    let hand = 0;
    seq.forEach((v, i) => {
      const n = i + 1;
      const d = Math.min(0.5, (1 + n) / (10 + n)); // 2/11, 3/12, 4/13: all below 0.5
      hand = d * hand + (1 - d) * v;
      const w = tf.tensor1d([v]);
      p.update([w], i);
      w.dispose();
    });
    // by hand: 10·9/11 = 8.1818…; 8.1818·0.25 + 20·0.75 = 17.0454…; 17.0454·4/13 + 40·9/13 = 32.9371…
    expect(hand).toBeCloseTo(32.93706, 4);
    expect(p.averages[0]!.dataSync()[0]).toBeCloseTo(hand, 4);
    p.dispose();
    w0.dispose();
  });
});
