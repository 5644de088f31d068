import * as tf from '@tensorflow/tfjs';

/** The attrs tfjs passes to Conv2DBackpropFilter / Conv2DBackpropInput. */
export interface ConvBackpropAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** tfjs' own conv geometry (output size, padding split), NHWC only, no dilation. */
export function convGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: ConvBackpropAttrs,
  kernelName: string,
): tf.backend_util.Conv2DInfo {
  const dataFormat = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (dataFormat !== 'channelsLast') {
    throw new Error(`backend: wasm ${kernelName} supports only NHWC (got ${attrs.dataFormat})`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat,
  );
}

/**
 * Copies `length` floats inside one heap view. Short runs go through a plain loop because a
 * copyWithin call costs more than a few scalar moves.
 */
export function copyRun(f32: Float32Array, dst: number, src: number, length: number): void {
  if (length < 16) {
    for (let k = 0; k < length; k++) f32[dst + k] = f32[src + k];
  } else {
    f32.copyWithin(dst, src, src + length);
  }
}
