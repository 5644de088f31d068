/**
 * A small Inception-style network for the gradient and training tests, with every kind of layer
 * GoogLeNet trains through: conv 7×7/2, max pool 3×3/2 same, LRN, 1×1 and 3×3 convs, an Inception
 * block (1×1 | 1×1→3×3 | 1×1→5×5 | pool→1×1, concatenated), an aux head (avg pool 3×3/2 → dense),
 * global average pool, dropout and a linear classifier. (The real GoogLeNet lives in
 * @googlenet/model, which this library may not import.)
 */
import * as tf from '@tensorflow/tfjs';

class Lrn extends tf.layers.Layer {
  static readonly className = 'TestLrn';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.localResponseNormalization(x, 2, 1, 1e-4 / 5, 0.75);
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return shape;
  }
}

export const TINY_INPUT_PX = 32;
export const TINY_CLASSES = 10;

/** Outputs [features for the main head (global pool), aux logits]; `head` is the main classifier. */
export function buildTinyInception(seed: number): { body: tf.LayersModel; head: tf.layers.Layer } {
  let layerSeed = seed;
  const init = () => tf.initializers.glorotUniform({ seed: layerSeed++ });
  const conv = (filters: number, kernelSize: number, strides = 1) =>
    tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', activation: 'relu', kernelInitializer: init(), biasInitializer: 'zeros' });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;

  const input = tf.input({ shape: [TINY_INPUT_PX, TINY_INPUT_PX, 3] });
  let x = apply(conv(8, 7, 2), input);
  x = apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), x);
  x = apply(new Lrn({}), x);
  x = apply(conv(8, 1), x);
  x = apply(conv(12, 3), x);
  x = apply(new Lrn({}), x);
  const branches = [
    apply(conv(4, 1), x),
    apply(conv(6, 3), apply(conv(4, 1), x)),
    apply(conv(4, 5), apply(conv(2, 1), x)),
    apply(conv(4, 1), apply(tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }), x)),
  ];
  const block = apply(tf.layers.concatenate({ axis: -1 }), branches);
  const aux = apply(
    tf.layers.dense({ units: TINY_CLASSES, kernelInitializer: init() }),
    apply(tf.layers.flatten(), apply(tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'valid' }), block)),
  );
  const features = apply(tf.layers.globalAveragePooling2d({}), block);
  const body = tf.model({ inputs: input, outputs: [features, aux] });
  const head = tf.layers.dense({ units: TINY_CLASSES, kernelInitializer: init() });
  head.apply(features); // builds the head's weights
  return { body, head };
}

/** The paper's loss: main + 0.3 × aux, softmax cross-entropy on logits, main head behind dropout 40%. */
export function tinyLoss(
  net: { body: tf.LayersModel; head: tf.layers.Layer },
  x: tf.Tensor4D,
  oneHot: tf.Tensor2D,
  dropoutSeed: number,
): tf.Scalar {
  const [features, aux] = net.body.apply(x, { training: true }) as tf.Tensor[];
  const dropped = tf.dropout(features!, 0.4, undefined, dropoutSeed);
  const main = net.head.apply(dropped) as tf.Tensor;
  const mainLoss = tf.losses.softmaxCrossEntropy(oneHot, main);
  const auxLoss = tf.losses.softmaxCrossEntropy(oneHot, aux!);
  return tf.add(mainLoss, tf.mul(0.3, auxLoss)) as tf.Scalar;
}
