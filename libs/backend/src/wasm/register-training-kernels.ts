import * as tf from '@tensorflow/tfjs';
import { makeBatchMatMulWasm } from './batch-mat-mul.js';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { makeConv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { maxPoolGradWasm } from './max-pool-grad.js';

/** Kernels this library adds to (or replaces in) tfjs-backend-wasm, for the report and tests. */
export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'MaxPoolGrad',
  'BatchMatMul',
] as const;

type AnyKernel = (args: { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: tf.KernelBackend }) => tf.TensorInfo;

let registered = false;

/**
 * Registers the training kernels on the 'wasm' backend. Idempotent. Call after
 * '@tensorflow/tfjs-backend-wasm' is imported (it registers the originals that some wrap).
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  const original = (name: string): tf.KernelFunc => {
    const kernel = tf.getKernel(name, 'wasm');
    if (kernel == null) throw new Error(`backend: tfjs-backend-wasm is not loaded (no wasm '${name}' kernel)`);
    return kernel.kernelFunc;
  };
  const kernels: Record<(typeof WASM_TRAINING_KERNELS)[number], AnyKernel> = {
    Conv2DBackpropFilter: conv2dBackpropFilterWasm,
    Conv2DBackpropInput: makeConv2dBackpropInputWasm(original('Conv2DBackpropInput')),
    MaxPoolGrad: maxPoolGradWasm,
    BatchMatMul: makeBatchMatMulWasm(original('BatchMatMul')),
  };
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    if (tf.getKernel(kernelName, 'wasm') != null) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  registered = true;
}
