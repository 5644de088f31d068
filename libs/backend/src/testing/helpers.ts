import * as tf from '@tensorflow/tfjs';
import { Rng } from '@googlenet/util';

/** A tensor's recipe, so the same numbers can be made on each backend. */
export interface HostTensor {
  shape: number[];
  values: Float32Array;
}

export function randomHost(shape: number[], seed: number, scale = 1): HostTensor {
  const rng = new Rng(seed);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-scale, scale);
  return { shape, values };
}

/** Runs one kernel on `backend` from host data; returns its output values and shape. */
export async function runKernelOn(
  backend: string,
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): Promise<HostTensor> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => [name, tf.tensor(t.values, t.shape)]),
  );
  const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: out.shape, values: (await out.data()) as Float32Array };
  tf.dispose([out, ...Object.values(tensors)]);
  return result;
}

/** max |a − b| / max |a|: the error relative to the reference's scale. */
export function relativeError(reference: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (reference.length !== actual.length) throw new Error(`length ${reference.length} vs ${actual.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    diff = Math.max(diff, Math.abs(reference[i]! - actual[i]!));
    scale = Math.max(scale, Math.abs(reference[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Live data buffers of the active backend: catches leaks inside kernels, which tf.memory() misses. */
export function backendDataIds(): number {
  return tf.engine().backend.numDataIds();
}
