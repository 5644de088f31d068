import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../select-backend.js';
import { backendDataIds, randomHost, relativeError, runKernelOn, type HostTensor } from '../testing/helpers.js';

interface ConvCase {
  kernel: [number, number];
  stride: number;
  pad: 'same' | 'valid';
  input: [number, number, number, number];
  outChannels: number;
}

// 1×1 … 7×7, stride 1 and 2, same and valid; odd and even sizes so 'same' pads unevenly.
const CASES: ConvCase[] = [];
for (const k of [1, 2, 3, 5, 7]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      CASES.push({ kernel: [k, k], stride, pad, input: [2, 9 + (k % 2), 10, 3], outChannels: 4 });
    }
  }
}
CASES.push({ kernel: [3, 5], stride: 2, pad: 'same', input: [1, 8, 11, 5], outChannels: 6 });
CASES.push({ kernel: [1, 1], stride: 1, pad: 'same', input: [3, 5, 5, 16], outChannels: 24 });

function outShape(c: ConvCase): number[] {
  const filterShape = [...c.kernel, c.input[3], c.outChannels] as [number, number, number, number];
  return tf.backend_util.computeConv2DInfo(c.input, filterShape, c.stride, 1, c.pad).outShape;
}

const label = (c: ConvCase) => `${c.kernel.join('×')}/${c.stride} ${c.pad} x=${c.input.join('×')}`;

describe('wasm convolution gradients match the cpu backend', () => {
  beforeAll(async () => {
    await selectBackend({ prefer: 'wasm', log: () => undefined });
  });

  it('Conv2DBackpropFilter of a 1×1 conv is Σ x·dy (hand-computed)', async () => {
    // x = [1,2,3,4] (one channel), dy = [1,1,1,1] → dW = 10; dy = [1,0,0,2] → 1 + 8 = 9.
    const x: HostTensor = { shape: [1, 2, 2, 1], values: Float32Array.from([1, 2, 3, 4]) };
    const dy: HostTensor = { shape: [1, 2, 2, 2], values: Float32Array.from([1, 1, 1, 0, 1, 0, 1, 2]) };
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [1, 1, 1, 2] };
    const dw = await runKernelOn('wasm', 'Conv2DBackpropFilter', { x, dy }, attrs);
    expect(dw.shape).toEqual([1, 1, 1, 2]);
    expect(Array.from(dw.values)).toEqual([10, 9]);
  });

  it('Conv2DBackpropInput of a 3×3 same conv of a one-hot dy is the flipped filter (hand-computed)', async () => {
    // dy is 1 at the centre of a 3×3 image: dx[h,w] = W[h − 1 + 1, w − 1 + 1] = W[h, w].
    const dy: HostTensor = { shape: [1, 3, 3, 1], values: Float32Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]) };
    const filter: HostTensor = { shape: [3, 3, 1, 1], values: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]) };
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [1, 3, 3, 1] };
    const dx = await runKernelOn('wasm', 'Conv2DBackpropInput', { dy, filter }, attrs);
    // dx[h] = Σ_i dy[h + 1 − i] W[i] → nonzero only where h + 1 − i = 1, i.e. i = h: W itself.
    expect(Array.from(dx.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  for (const [index, c] of CASES.entries()) {
    it(`${label(c)}: filter and input gradients within 1e-4`, async () => {
      const filterShape = [...c.kernel, c.input[3], c.outChannels];
      const x = randomHost(c.input, 10 + index);
      const w = randomHost(filterShape, 100 + index);
      const dy = randomHost(outShape(c), 1000 + index);
      const common = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' };
      const filterAttrs = { ...common, filterShape };
      const inputAttrs = { ...common, inputShape: c.input };

      const dwCpu = await runKernelOn('cpu', 'Conv2DBackpropFilter', { x, dy }, filterAttrs);
      const dxCpu = await runKernelOn('cpu', 'Conv2DBackpropInput', { dy, filter: w }, inputAttrs);
      await tf.setBackend('wasm');
      const tensorsBefore = tf.memory().numTensors;
      const dataBefore = backendDataIds();
      const dwWasm = await runKernelOn('wasm', 'Conv2DBackpropFilter', { x, dy }, filterAttrs);
      const dxWasm = await runKernelOn('wasm', 'Conv2DBackpropInput', { dy, filter: w }, inputAttrs);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(backendDataIds()).toBe(dataBefore);

      expect(dwWasm.shape).toEqual(filterShape);
      expect(dxWasm.shape).toEqual(c.input);
      expect(relativeError(dwCpu.values, dwWasm.values)).toBeLessThan(1e-4);
      expect(relativeError(dxCpu.values, dxWasm.values)).toBeLessThan(1e-4);
    });
  }

  it('tf.grad of a conv2d (the path training takes) matches cpu, stride 2 same', async () => {
    const x = randomHost([2, 11, 11, 3], 7);
    const w = randomHost([7, 7, 3, 8], 8);
    const gradsOn = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const xt = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
        const wt = tf.tensor4d(w.values, w.shape as [number, number, number, number]);
        const loss = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, 2, 'same').square().sum();
        const [dx, dw] = tf.grads(loss as (...t: tf.Tensor[]) => tf.Tensor)([xt, wt]);
        return [dx!.dataSync().slice(), dw!.dataSync().slice()];
      });
    };
    const [dxCpu, dwCpu] = await gradsOn('cpu');
    const [dxWasm, dwWasm] = await gradsOn('wasm');
    expect(relativeError(dxCpu!, dxWasm!)).toBeLessThan(1e-4);
    expect(relativeError(dwCpu!, dwWasm!)).toBeLessThan(1e-4);
  });
});
