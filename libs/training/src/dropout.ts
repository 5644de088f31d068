import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's `LayersModel.apply(tensor)` runs the graph without passing `training` to its layers, so
 * Dropout stays off outside `fit()`; and a Dropout without a seed draws from Math.random, which
 * breaks bit-exact resume. This wraps each Dropout layer's `call` once so the trainer decides both:
 * on during a training step with a seed drawn from the checkpointed Rng, off everywhere else.
 */
interface DropoutLike {
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
  seed?: number;
  getClassName(): string;
}

export interface DropoutControl {
  /** Run `fn` with dropout active, each layer seeded from `seeds()` (one draw per layer). */
  training<T>(seeds: () => number, fn: () => T): T;
  readonly numLayers: number;
}

const CONTROLLED = Symbol('googlenetDropoutControlled');

export function controlDropout(model: tf.LayersModel): DropoutControl {
  const state = { training: false };
  const layers = model.layers.filter((l) => l.getClassName() === 'Dropout') as unknown as (DropoutLike & { [CONTROLLED]?: typeof state })[];
  for (const layer of layers) {
    if (layer[CONTROLLED]) continue;
    const original = layer.call.bind(layer);
    const flags = state;
    layer[CONTROLLED] = flags;
    layer.call = (inputs, kwargs) => original(inputs, { ...kwargs, training: (layer[CONTROLLED] ?? flags).training });
  }
  // A model controlled before shares the first controller's flags; point them all at ours.
  for (const layer of layers) layer[CONTROLLED] = state;
  return {
    numLayers: layers.length,
    training<T>(seeds: () => number, fn: () => T): T {
      for (const layer of layers) layer.seed = seeds();
      state.training = true;
      try {
        return fn();
      } finally {
        state.training = false;
      }
    },
  };
}
