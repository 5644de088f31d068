import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, copyRun, type ConvBackpropAttrs } from './conv-geometry.js';
import { WasmKernelContext } from './wasm-context.js';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; attrs: tf.NamedAttrMap; backend: tf.KernelBackend };

/**
 * Conv2DBackpropInput for wasm as one XNNPACK Conv2D (wasm's own kernel runs at ≈2 GFLOP/s,
 * XNNPACK's Conv2D at 10–20): dx = correlate(dy dilated by the stride and padded, W flipped in
 * space with in/out swapped). With stride s the zeros cost s² more multiply-adds; GoogLeNet's only
 * strided conv is the first, whose input gradient training never asks for. `fallback` (wasm's
 * original kernel) handles explicit paddings larger than the filter, which this cannot express.
 */
export function makeConv2dBackpropInputWasm(fallback: tf.KernelFunc) {
  return function conv2dBackpropInputWasm(args: KernelArgs): tf.TensorInfo {
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvBackpropAttrs & { inputShape: number[] };
    const info = convGeometry(attrs.inputShape, filter.shape, attrs, 'Conv2DBackpropInput');
    const { inHeight, inWidth, outHeight, outWidth, filterHeight: kh, filterWidth: kw } = info;
    const { strideHeight: sh, strideWidth: sw } = info;
    // Padding of the transposed problem: dx[h] = Σ_i dyDilated[h + top − i] · W[i].
    const pad = {
      top: kh - 1 - info.padInfo.top,
      left: kw - 1 - info.padInfo.left,
      bottom: inHeight + info.padInfo.top - (outHeight - 1) * sh - 1,
      right: inWidth + info.padInfo.left - (outWidth - 1) * sw - 1,
    };
    if (Math.min(pad.top, pad.left, pad.bottom, pad.right) < 0) return fallback(args) as tf.TensorInfo;

    const ctx = new WasmKernelContext(args.backend as BackendWasm);
    const flipped = flipFilter(ctx, filter);
    const stride1 = sh === 1 && sw === 1;
    const input = stride1 ? dy : dilateAndPad(ctx, dy, sh, sw, pad, inHeight + kh - 1, inWidth + kw - 1);
    const explicit: tf.backend_util.ExplicitPadding = stride1
      ? [[0, 0], [pad.top, pad.bottom], [pad.left, pad.right], [0, 0]]
      : [[0, 0], [0, 0], [0, 0], [0, 0]];
    const dx = ctx.run(
      'Conv2D',
      { x: input, filter: flipped },
      { strides: [1, 1], pad: explicit, dataFormat: 'NHWC', dilations: [1, 1] },
    );
    return ctx.disposeAllBut(dx);
  };
}

/** Wf[kh−1−i, kw−1−j, o, c] = W[i, j, c, o]. */
function flipFilter(ctx: WasmKernelContext, filter: tf.TensorInfo): tf.TensorInfo {
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  const out = ctx.alloc([kh, kw, co, ci]);
  const { f32, offsets } = ctx.heap(filter, out);
  const [src, dst] = offsets as [number, number];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const from = src + (i * kw + j) * ci * co;
      const to = dst + ((kh - 1 - i) * kw + (kw - 1 - j)) * co * ci;
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) f32[to + o * ci + c] = f32[from + c * co + o];
      }
    }
  }
  return out;
}

/** Zero image of [n, height, width, co] with dy[n, y, x] placed at (top + y·sh, left + x·sw). */
function dilateAndPad(
  ctx: WasmKernelContext,
  dy: tf.TensorInfo,
  sh: number,
  sw: number,
  pad: { top: number; left: number },
  height: number,
  width: number,
): tf.TensorInfo {
  const [n, oh, ow, co] = dy.shape as [number, number, number, number];
  const out = ctx.alloc([n, height, width, co]);
  const { f32, offsets } = ctx.heap(dy, out);
  const [src, dst] = offsets as [number, number];
  f32.fill(0, dst, dst + n * height * width * co);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const rowTo = dst + ((b * height + pad.top + y * sh) * width + pad.left) * co;
      const rowFrom = src + ((b * oh + y) * ow) * co;
      for (let x = 0; x < ow; x++) copyRun(f32, rowTo + x * sw * co, rowFrom + x * co, co);
    }
  }
  return out;
}
