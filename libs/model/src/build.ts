/**
 * GoogLeNet as a tfjs functional model: one tf.layers layer per spec of the plan. Only layers
 * that are fast on the WASM backend (conv2d with fused ReLU, max/avg pooling, concatenate, dense,
 * dropout, flatten) plus our LRN layer.
 */
import * as tf from '@tensorflow/tfjs';
import { caffeXavier } from './init.js';
import { LocalResponseNorm } from './lrn.js';
import type { GoogLeNetOptions } from './options.js';
import { type LayerSpec, planGoogLeNet } from './plan.js';

function makeLayer(spec: LayerSpec, seed: number): tf.layers.Layer {
  const name = spec.name;
  switch (spec.kind) {
    case 'conv':
      return tf.layers.conv2d({
        name,
        filters: spec.filters,
        kernelSize: spec.kernelPx,
        strides: spec.stridePx,
        padding: 'same',
        activation: spec.relu ? 'relu' : 'linear',
        kernelInitializer: caffeXavier(seed, name),
        biasInitializer: tf.initializers.constant({ value: spec.biasInit }),
      });
    case 'maxpool':
      return tf.layers.maxPooling2d({ name, poolSize: spec.poolPx, strides: spec.stridePx, padding: spec.padding });
    case 'avgpool':
      return tf.layers.averagePooling2d({ name, poolSize: spec.poolPx, strides: spec.stridePx, padding: spec.padding });
    case 'lrn':
      return new LocalResponseNorm({ name });
    case 'concat':
      return tf.layers.concatenate({ name, axis: -1 });
    case 'globalavgpool':
      return tf.layers.globalAveragePooling2d({ name });
    case 'flatten':
      return tf.layers.flatten({ name });
    case 'dense':
      return tf.layers.dense({
        name,
        units: spec.units,
        activation: spec.relu ? 'relu' : 'linear',
        kernelInitializer: caffeXavier(seed, name),
        biasInitializer: tf.initializers.constant({ value: spec.biasInit }),
      });
    case 'dropout':
      // Standard Dropout, unseeded: the training library seeds it per step from its checkpointed
      // Rng (a fixed seed here would make tfjs draw the same mask every step).
      return tf.layers.dropout({ name, rate: spec.rate });
  }
}

/**
 * Builds the paper's network. Input [null, inputSize, inputSize, 3] float32: RGB 0–255 minus
 * PIXEL_MEAN_RGB. Outputs LOGITS: [main_logits, aux1_logits, aux2_logits] with aux heads, else
 * main_logits alone.
 */
export function buildGoogLeNet(opts: Partial<GoogLeNetOptions> = {}): tf.LayersModel {
  const plan = planGoogLeNet(opts);
  const { inputSize, seed } = plan.options;
  const input = tf.input({ name: 'input', shape: [inputSize, inputSize, 3], dtype: 'float32' });
  const tensors = new Map<string, tf.SymbolicTensor>([['input', input]]);
  for (const spec of plan.layers) {
    const ins = spec.inputs.map((n) => tensors.get(n)!);
    const out = makeLayer(spec, seed).apply(ins.length === 1 ? ins[0]! : ins) as tf.SymbolicTensor;
    tensors.set(spec.name, out);
  }
  const outputs = plan.outputs.map((n) => tensors.get(n)!);
  return tf.model({ name: 'googlenet', inputs: input, outputs: outputs.length === 1 ? outputs[0]! : outputs });
}

/** The main head only, sharing the training model's weights (the paper discards aux heads). */
export function inferenceModel(model: tf.LayersModel): tf.LayersModel {
  const main = model.getLayer('main_logits').output as tf.SymbolicTensor;
  return tf.model({ name: 'googlenet_inference', inputs: model.inputs, outputs: main });
}
