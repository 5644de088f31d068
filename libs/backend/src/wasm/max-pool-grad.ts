import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WasmKernelContext } from './wasm-context.js';

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * MaxPoolGrad for wasm in one pass over the windows (wasm's own kernel is ~10× slower): each
 * window's gradient goes to its first maximum in row-major order, the tie rule of the cpu
 * backend. The scan runs over all channels of a pixel at once (NHWC: contiguous reads).
 */
export function maxPoolGradWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  attrs: tf.NamedAttrMap;
  backend: tf.KernelBackend;
}): tf.TensorInfo {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const ctx = new WasmKernelContext(args.backend as BackendWasm);
  const dx = ctx.alloc(input.shape);
  const { f32, offsets } = ctx.heap(input, dy, dx);
  const [xBase, dyBase, dxBase] = offsets as [number, number, number];
  f32.fill(0, dxBase, dxBase + batchSize * inHeight * inWidth * c);
  const rowStride = inWidth * c;
  let dyIndex = dyBase;
  for (let n = 0; n < batchSize; n++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const iyFirst = Math.max(0, oy * sh - top);
      const iyEnd = Math.min(inHeight, oy * sh - top + kh);
      for (let ox = 0; ox < outWidth; ox++) {
        const ixFirst = Math.max(0, ox * sw - left);
        const ixEnd = Math.min(inWidth, ox * sw - left + kw);
        const corner = ((n * inHeight + iyFirst) * inWidth + ixFirst) * c;
        const windowRows = iyEnd - iyFirst;
        const windowCols = ixEnd - ixFirst;
        // Per channel, scan the window in row-major order with the running max in locals.
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let r = 0; r < windowRows; r++) {
            let offset = corner + r * rowStride + ch;
            for (let q = 0; q < windowCols; q++) {
              const v = f32[xBase + offset];
              if (v > best) {
                best = v;
                at = offset;
              }
              offset += c;
            }
          }
          if (at >= 0) f32[dxBase + at] += f32[dyIndex + ch];
        }
        dyIndex += c;
      }
    }
  }
  return ctx.disposeAllBut(dx);
}
