import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend.js';
import { backendDataIds, randomHost, relativeError } from './testing/helpers.js';
import { TINY_CLASSES, TINY_INPUT_PX, buildTinyInception, tinyLoss } from './testing/tiny-inception.js';

const BATCH = 4;
const image = randomHost([BATCH, TINY_INPUT_PX, TINY_INPUT_PX, 3], 5, 100);
const labels = [3, 1, 4, 1];
const DROPOUT_SEED = 9;

/** The cpu backend's network, weights exported so the wasm copy starts identical. */
let initialWeights: Float32Array[] = [];

function makeNet(backendWeights: Float32Array[] | null) {
  const net = buildTinyInception(123);
  const variables = [...net.body.trainableWeights, ...net.head.trainableWeights];
  if (backendWeights) tf.tidy(() => variables.forEach((v, i) => v.write(tf.tensor(backendWeights[i]!, v.shape as number[]))));
  return { net, variables: variables.map((v) => v.read() as tf.Variable) };
}

function inputs() {
  return tf.tidy(() => ({
    x: tf.tensor4d(image.values, image.shape as [number, number, number, number]),
    oneHot: tf.oneHot(tf.tensor1d(labels, 'int32'), TINY_CLASSES).toFloat() as tf.Tensor2D,
  }));
}

/** Gradients of the paper's loss wrt every weight, as host arrays (names differ per build). */
function gradients(): { loss: number; grads: Float32Array[] } {
  const { net, variables } = makeNet(initialWeights);
  const { x, oneHot } = inputs();
  const { value, grads } = tf.variableGrads(() => tinyLoss(net, x, oneHot, DROPOUT_SEED), variables);
  const result = { loss: value.dataSync()[0]!, grads: variables.map((v) => grads[v.name]!.dataSync().slice() as Float32Array) };
  tf.dispose([value, ...Object.values(grads), x, oneHot]);
  net.body.dispose();
  net.head.dispose();
  return result;
}

/** `steps` SGD-momentum steps on one batch; the loss before each step and live tensors after it. */
function train(steps: number): { losses: number[]; liveTensors: number[] } {
  const { net, variables } = makeNet(initialWeights);
  const { x, oneHot } = inputs();
  const optimizer = tf.train.momentum(0.05, 0.9);
  const losses: number[] = [];
  const liveTensors: number[] = [];
  for (let i = 0; i < steps; i++) {
    const cost = optimizer.minimize(() => tinyLoss(net, x, oneHot, DROPOUT_SEED), true, variables);
    losses.push(cost!.dataSync()[0]!);
    cost!.dispose();
    liveTensors.push(tf.memory().numTensors);
  }
  optimizer.dispose();
  tf.dispose([x, oneHot]);
  net.body.dispose();
  net.head.dispose();
  return { losses, liveTensors };
}

describe('a GoogLeNet-style network trains on wasm exactly as on cpu', () => {
  let cpu: { loss: number; grads: Float32Array[] };
  let cpuLosses: number[];

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const { variables, net } = makeNet(null);
    initialWeights = variables.map((v) => v.dataSync().slice() as Float32Array);
    net.body.dispose();
    net.head.dispose();
    cpu = gradients();
    cpuLosses = train(4).losses;
    await selectBackend({ prefer: 'wasm', log: () => undefined });
  });

  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('every weight gradient matches cpu within 1e-4, and nothing leaks', () => {
    gradients(); // warm-up: the first wasm call allocates kernel state
    const tensorsBefore = tf.memory().numTensors;
    const dataBefore = backendDataIds();
    const wasm = gradients();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(backendDataIds()).toBe(dataBefore);

    expect(wasm.grads.length).toBe(cpu.grads.length);
    // conv 7×7, 1×1, 3×3, 4 branches (6 convs), aux dense, head dense: 11 kernels + 11 biases.
    expect(wasm.grads.length).toBe(22);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-5);
    wasm.grads.forEach((g, i) => {
      expect(g.some((v) => v !== 0), `gradient ${i} is all zero`).toBe(true);
      expect(relativeError(cpu.grads[i]!, g), `gradient ${i}`).toBeLessThan(1e-4);
    });
  });

  it('SGD steps lower the loss and give the cpu losses within 1e-4', () => {
    const { losses, liveTensors } = train(4);
    // Momentum slots appear at step 1; after that a step must not add a tensor. (The whole run
    // is not checked: tfjs 4.22's MomentumOptimizer.dispose() leaks its learning-rate scalar.)
    expect(liveTensors.slice(1)).toEqual([liveTensors[0], liveTensors[0], liveTensors[0]]);
    expect(losses[3]!).toBeLessThan(losses[0]!);
    losses.forEach((loss, i) => expect(Math.abs(loss - cpuLosses[i]!) / cpuLosses[i]!).toBeLessThan(1e-4));
  });
});
