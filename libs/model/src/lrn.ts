/**
 * Local response normalisation across channels, configured in Caffe's convention (the paper's
 * network was Caffe's): b = a / (k + (alpha / size) · Σ a²)^beta over `size` neighbouring
 * channels. TensorFlow's op takes a depth radius and an un-normalised alpha, so we convert:
 * depthRadius = (size − 1) / 2, alpha_tf = alpha / size.
 */
import * as tf from '@tensorflow/tfjs';
import { LRN_PARAMS } from './table.js';

export interface LrnConfig {
  size: number;
  alpha: number;
  beta: number;
  k: number;
}

export class LocalResponseNorm extends tf.layers.Layer {
  static readonly className = 'GoogLeNetLRN';
  readonly lrn: LrnConfig;

  constructor(config: Partial<LrnConfig> & { name?: string; trainable?: boolean } = {}) {
    const { size, alpha, beta, k, ...base } = config;
    super(base);
    this.lrn = {
      size: size ?? LRN_PARAMS.size,
      alpha: alpha ?? LRN_PARAMS.alpha,
      beta: beta ?? LRN_PARAMS.beta,
      k: k ?? LRN_PARAMS.k,
    };
    if (!Number.isInteger(this.lrn.size) || this.lrn.size < 1 || this.lrn.size % 2 === 0)
      throw new Error(`LocalResponseNorm: size must be an odd positive integer, got ${this.lrn.size}`);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const { size, alpha, beta, k } = this.lrn;
    return tf.localResponseNormalization(x as tf.Tensor4D, (size - 1) / 2, k, alpha / size, beta);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.lrn };
  }
}

tf.serialization.registerClass(LocalResponseNorm);
