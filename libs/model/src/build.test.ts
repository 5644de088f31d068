import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGoogLeNet, inferenceModel } from './build.js';
import { summarize } from './summary.js';

const SMALL = { inputSize: 64, width: 0.25, numClasses: 10 } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const shape = (m: tf.LayersModel, name: string) => (m.getLayer(name).outputShape as number[]).slice(1).join('×');

describe('buildGoogLeNet at 224 px (shape inference only)', () => {
  let model: tf.LayersModel;
  beforeAll(() => {
    model = buildGoogLeNet();
  });
  afterAll(() => model.dispose());

  it('takes [null, 224, 224, 3] float32 and outputs three 1000-way logits', () => {
    expect(model.inputs[0]!.shape).toEqual([null, 224, 224, 3]);
    expect(model.inputs[0]!.dtype).toBe('float32');
    expect(model.outputs.map((o) => o.shape)).toEqual([[null, 1000], [null, 1000], [null, 1000]]);
    expect(model.outputNames).toEqual(['main_logits', 'aux1_logits', 'aux2_logits']);
  });

  it.each([
    ['conv1', '112×112×64'],
    ['pool1', '56×56×64'],
    ['conv2', '56×56×192'],
    ['pool2', '28×28×192'],
    ['inception_3a_concat', '28×28×256'],
    ['inception_3b_concat', '28×28×480'],
    ['pool3', '14×14×480'],
    ['inception_4a_concat', '14×14×512'],
    ['inception_4d_concat', '14×14×528'],
    ['inception_4e_concat', '14×14×832'],
    ['pool4', '7×7×832'],
    ['inception_5b_concat', '7×7×1024'],
    ['avgpool', '1024'],
    ['aux1_pool', '4×4×512'],
    ['aux2_pool', '4×4×528'],
  ])('tfjs infers %s as %s', (name, expected) => {
    expect(shape(model, name)).toBe(expected);
  });

  it('has real 5×5 kernels: inception 3a 5×5 is [5, 5, 16, 32]', () => {
    const kernel = model.getLayer('inception_3a_5x5').weights.find((w) => w.originalName.endsWith('/kernel'))!;
    expect(kernel.shape).toEqual([5, 5, 16, 32]);
    expect(model.getLayer('inception_5b_5x5').weights[0]!.shape).toEqual([5, 5, 48, 128]);
  });

  it('holds 13,378,280 weights by tfjs count too, 6,998,552 in the inference model', () => {
    expect(model.countParams()).toBe(13_378_280);
    expect(inferenceModel(model).countParams()).toBe(6_998_552);
  });

  it('initialises as Caffe: xavier ±sqrt(3/fan_in) kernels, biases 0.2 (classifiers 0)', () => {
    const [kernel, bias] = model.getLayer('conv1').getWeights();
    const limit = Math.sqrt(3 / (7 * 7 * 3));
    const k = Array.from(kernel!.dataSync());
    const maxAbs = k.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbs).toBeLessThanOrEqual(limit);
    expect(maxAbs).toBeGreaterThan(0.99 * limit); // 9,408 uniform draws reach the edge
    const variance = k.reduce((s, v) => s + v * v, 0) / k.length;
    expect(variance).toBeCloseTo((limit * limit) / 3, 3);
    expect([...bias!.dataSync()].every((b) => Math.abs(b - 0.2) < 1e-7)).toBe(true);
    expect([...model.getLayer('main_logits').getWeights()[1]!.dataSync()].every((b) => b === 0)).toBe(true);
    expect([...model.getLayer('aux1_fc').getWeights()[1]!.dataSync()].every((b) => Math.abs(b - 0.2) < 1e-7)).toBe(true);
  });
});

describe('buildGoogLeNet small (64 px, width 0.25, 10 classes)', () => {
  it('runs a forward pass to three [2, 10] logits without leaking tensors', () => {
    const model = buildGoogLeNet(SMALL);
    const x = tf.randomUniform([2, 64, 64, 3], -120, 120, 'float32', 3);
    const before = tf.memory().numTensors;
    const ys = model.predict(x) as tf.Tensor[];
    expect(ys.map((y) => y.shape)).toEqual([[2, 10], [2, 10], [2, 10]]);
    expect(ys.every((y) => [...y.dataSync()].every(Number.isFinite))).toBe(true);
    tf.dispose(ys);
    // A training-mode pass (dropout active) leaks nothing either.
    tf.tidy(() => {
      model.apply(x, { training: true });
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('gives bit-identical weights for the same seed, different ones for another seed', () => {
    const a = buildGoogLeNet({ ...SMALL, seed: 7 });
    const b = buildGoogLeNet({ ...SMALL, seed: 7 });
    const c = buildGoogLeNet({ ...SMALL, seed: 8 });
    const bytes = (m: tf.LayersModel) => m.getWeights().map((w) => Buffer.from(w.dataSync().buffer));
    const [wa, wb, wc] = [bytes(a), bytes(b), bytes(c)];
    expect(wa.length).toBe(wb.length);
    expect(wa.every((w, i) => w.equals(wb[i]!))).toBe(true);
    expect(wa[0]!.equals(wc[0]!)).toBe(false);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('gives the main network the same weights with or without aux heads and LRN', () => {
    const full = buildGoogLeNet({ ...SMALL, seed: 3 });
    const bare = buildGoogLeNet({ ...SMALL, seed: 3, auxHeads: false, lrn: false });
    expect(bare.outputs).toHaveLength(1);
    expect(bare.layers.some((l) => l.name.startsWith('lrn'))).toBe(false);
    for (const name of ['conv1', 'inception_4e_5x5', 'main_logits']) {
      const [u, v] = [full, bare].map((m) => m.getLayer(name).getWeights()[0]!);
      expect(Buffer.from(u!.dataSync().buffer).equals(Buffer.from(v!.dataSync().buffer))).toBe(true);
    }
    full.dispose();
    bare.dispose();
  });

  it('inference model shares the weights and returns the main logits only', () => {
    const model = buildGoogLeNet(SMALL);
    const inf = inferenceModel(model);
    expect(inf.outputs).toHaveLength(1);
    expect(inf.getLayer('conv1').getWeights()[0]).toBe(model.getLayer('conv1').getWeights()[0]);
    const x = tf.randomUniform([1, 64, 64, 3], -100, 100, 'float32', 5);
    const [main] = model.predict(x) as tf.Tensor[];
    const only = inf.predict(x) as tf.Tensor;
    expect([...only.dataSync()]).toEqual([...main!.dataSync()]);
    tf.dispose([x, main!, only]);
    model.dispose();
  });

  it('summarize(model) reads the same counts from the layers as summarize(options)', () => {
    const model = buildGoogLeNet(SMALL);
    expect(summarize(model)).toEqual(summarize(SMALL));
    expect(summarize(model).totals.paramsWithAux).toBe(model.countParams());
    model.dispose();
  });
});
