import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmKernelContext } from './wasm-context.js';

/**
 * wasm's BatchMatMul is 10–20× slower with transposeA/transposeB (a dense layer's gradients use
 * both) than without; transposing the operand first with wasm's Transpose is far cheaper.
 */
export function makeBatchMatMulWasm(original: tf.KernelFunc) {
  return function batchMatMulWasm(args: {
    inputs: tf.NamedTensorInfoMap;
    attrs: tf.NamedAttrMap;
    backend: tf.KernelBackend;
  }): tf.TensorInfo {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original(args) as tf.TensorInfo;
    const ctx = new WasmKernelContext(args.backend as BackendWasm);
    const a2 = transposeA ? ctx.transpose(a, swapLastTwo(a.shape.length)) : a;
    const b2 = transposeB ? ctx.transpose(b, swapLastTwo(b.shape.length)) : b;
    const out = ctx.run('BatchMatMul', { a: a2, b: b2 }, { ...args.attrs, transposeA: false, transposeB: false });
    return ctx.disposeAllBut(out);
  };
}

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}
