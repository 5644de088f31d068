/**
 * Seeded initialisation. Caffe's "xavier" filler (used for every layer of bvlc_googlenet) draws
 * uniformly from ±sqrt(3 / fan_in) — its default variance_norm is FAN_IN, i.e. what Keras calls
 * LeCun uniform, not the fan-average Glorot of Keras. We follow Caffe, as the reference recipe.
 *
 * Each layer's seed is derived from the model seed and the layer's NAME (not its position), so a
 * layer gets the same weights whether or not aux heads or LRN are built.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '@googlenet/util';

/** FNV-1a 32-bit hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function layerSeed(modelSeed: number, layerName: string): number {
  // Never 0: tfjs reads a seed of 0 as "no seed" and draws from Math.random.
  return Rng.derive(modelSeed, fnv1a(layerName)).nextUint32() || 1;
}

/** Caffe "xavier": U(−sqrt(3/fan_in), +sqrt(3/fan_in)), seeded. */
export function caffeXavier(modelSeed: number, layerName: string): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({
    scale: 1,
    mode: 'fanIn',
    distribution: 'uniform',
    seed: layerSeed(modelSeed, layerName),
  });
}
