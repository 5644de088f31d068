import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../select-backend.js';
import { backendDataIds, randomHost, relativeError, runKernelOn, type HostTensor } from '../testing/helpers.js';

/** Small integers, so windows hold ties and the tie rule (first maximum) is exercised. */
function tiedHost(shape: number[], seed: number): HostTensor {
  const host = randomHost(shape, seed, 3);
  return { shape, values: host.values.map(Math.round) };
}

async function maxPoolGradOn(backend: string, x: HostTensor, filterSize: number, stride: number, pad: 'same' | 'valid', dy: HostTensor) {
  await tf.setBackend(backend);
  const xt = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
  const y = tf.maxPool(xt, filterSize, stride, pad);
  const dyt = tf.tensor(dy.values, y.shape);
  const attrs = { filterSize, strides: stride, pad };
  const dx = tf.engine().runKernel('MaxPoolGrad', { dy: dyt, input: xt, output: y }, attrs) as tf.Tensor;
  const values = (await dx.data()) as Float32Array;
  tf.dispose([xt, y, dyt, dx]);
  return values;
}

describe('wasm MaxPoolGrad matches the cpu backend', () => {
  beforeAll(async () => {
    await selectBackend({ prefer: 'wasm', log: () => undefined });
  });

  it('sends each window’s gradient to its first maximum (hand-computed)', async () => {
    // 1×3×3×1 image, 2×2 windows stride 1 valid → 4 windows.
    // x = 1 5 5 / 2 0 5 / 9 1 1 : windows' first maxima at (0,1), (0,1), (2,0), (1,2).
    const x: HostTensor = { shape: [1, 3, 3, 1], values: Float32Array.from([1, 5, 5, 2, 0, 5, 9, 1, 1]) };
    const dy: HostTensor = { shape: [1, 2, 2, 1], values: Float32Array.from([10, 20, 30, 40]) };
    const dx = await maxPoolGradOn('wasm', x, 2, 1, 'valid', dy);
    expect(Array.from(dx)).toEqual([0, 30, 0, 0, 0, 40, 30, 0, 0]);
  });

  const cases = [
    { filter: 3, stride: 2, pad: 'same' as const },
    { filter: 3, stride: 2, pad: 'valid' as const },
    { filter: 3, stride: 1, pad: 'same' as const },
    { filter: 2, stride: 2, pad: 'valid' as const },
  ];
  for (const [index, c] of cases.entries()) {
    it(`${c.filter}×${c.filter}/${c.stride} ${c.pad}, with ties: exactly as cpu, no leaks`, async () => {
      const x = tiedHost([2, 9, 8, 5], 40 + index);
      const outInfo = tf.backend_util.computePool2DInfo([2, 9, 8, 5], c.filter, c.stride, 1, c.pad);
      const dy = randomHost(outInfo.outShape, 50 + index);
      const cpu = await maxPoolGradOn('cpu', x, c.filter, c.stride, c.pad, dy);
      await tf.setBackend('wasm');
      const before = [tf.memory().numTensors, backendDataIds()];
      const wasm = await maxPoolGradOn('wasm', x, c.filter, c.stride, c.pad, dy);
      expect([tf.memory().numTensors, backendDataIds()]).toEqual(before);
      expect(relativeError(cpu, wasm)).toBeLessThan(1e-6);
    });
  }
});

describe('wasm BatchMatMul with transposes matches the cpu backend', () => {
  beforeAll(async () => {
    await selectBackend({ prefer: 'wasm', log: () => undefined });
  });

  it('[[1,2],[3,4]]ᵀ · [[1,0],[0,1]] = [[1,3],[2,4]] (hand-computed)', async () => {
    const a: HostTensor = { shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) };
    const b: HostTensor = { shape: [2, 2], values: Float32Array.from([1, 0, 0, 1]) };
    const out = await runKernelOn('wasm', 'BatchMatMul', { a, b }, { transposeA: true, transposeB: false });
    expect(Array.from(out.values)).toEqual([1, 3, 2, 4]);
  });

  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      it(`rank 3, transposeA=${transposeA} transposeB=${transposeB}`, async () => {
        const [batch, m, k, n] = [2, 5, 7, 3];
        const a = randomHost(transposeA ? [batch, k, m] : [batch, m, k], 60);
        const b = randomHost(transposeB ? [batch, n, k] : [batch, k, n], 61);
        const attrs = { transposeA, transposeB };
        const cpu = await runKernelOn('cpu', 'BatchMatMul', { a, b }, attrs);
        await tf.setBackend('wasm');
        const before = backendDataIds();
        const wasm = await runKernelOn('wasm', 'BatchMatMul', { a, b }, attrs);
        expect(backendDataIds()).toBe(before);
        expect(wasm.shape).toEqual([batch, m, n]);
        expect(relativeError(cpu.values, wasm.values)).toBeLessThan(1e-5);
      });
    }
  }
});

// wasm's own LRN/LRNGrad are kept (a JS version measured 1.4–1.9× slower); they are on the
// training path, so they are checked here too.
describe('wasm LRN and LRNGrad match the cpu backend', () => {
  beforeAll(async () => {
    await selectBackend({ prefer: 'wasm', log: () => undefined });
  });

  async function lrnOn(backend: string, x: HostTensor, dy: HostTensor, attrs: Record<string, number>) {
    await tf.setBackend(backend);
    const before = [tf.memory().numTensors, backendDataIds()];
    const xt = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
    const y = tf.engine().runKernel('LRN', { x: xt }, attrs) as tf.Tensor;
    const dyt = tf.tensor(dy.values, dy.shape);
    const dx = tf.engine().runKernel('LRNGrad', { x: xt, y, dy: dyt }, attrs) as tf.Tensor;
    const result = { y: (await y.data()) as Float32Array, dx: (await dx.data()) as Float32Array };
    tf.dispose([xt, y, dyt, dx]);
    expect([tf.memory().numTensors, backendDataIds()]).toEqual(before);
    return result;
  }

  it('one channel: y = x/√(1+x²) and dx = (1+x²)^(−3/2) (hand-computed, β = ½)', async () => {
    const x: HostTensor = { shape: [1, 1, 1, 1], values: Float32Array.from([2]) };
    const dy: HostTensor = { shape: [1, 1, 1, 1], values: Float32Array.from([1]) };
    const { y, dx } = await lrnOn('wasm', x, dy, { depthRadius: 0, bias: 1, alpha: 1, beta: 0.5 });
    expect(y[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(dx[0]).toBeCloseTo(Math.pow(5, -1.5), 6);
  });

  for (const attrs of [
    { depthRadius: 2, bias: 1, alpha: 0.1, beta: 0.75 },
    { depthRadius: 3, bias: 2, alpha: 0.05, beta: 0.6 },
  ]) {
    it(`radius ${attrs.depthRadius}, β ${attrs.beta}: within 1e-4 of cpu`, async () => {
      const x = randomHost([2, 3, 4, 11], 70, 3);
      const dy = randomHost([2, 3, 4, 11], 71);
      const cpu = await lrnOn('cpu', x, dy, attrs);
      const wasm = await lrnOn('wasm', x, dy, attrs);
      expect(relativeError(cpu.y, wasm.y)).toBeLessThan(1e-4);
      expect(relativeError(cpu.dx, wasm.dx)).toBeLessThan(1e-4);
    });
  }
});
