import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@googlenet/backend';
import { buildGoogLeNet } from '@googlenet/model';
import { Rng } from '@googlenet/util';

export interface GradCheckResult {
  /** Number of weight tensors compared. */
  weightTensors: number;
  /** Worst over tensors of max |wasm − cpu| / max |cpu|. */
  worstRelativeError: number;
  cpuLoss: number;
  wasmLoss: number;
}

/**
 * Whole-GoogLeNet gradients on wasm vs cpu, same weights and input (width 0.125, 64 px, aux
 * heads, dropout off, loss = main + 0.3 × each aux). It lives in tools/ because libs/backend may
 * not import @googlenet/model; the backend's own tests use a small Inception-style network.
 */
export async function googlenetGradientCheck(): Promise<GradCheckResult> {
  const rng = new Rng(3);
  const pixels = new Float32Array(2 * 64 * 64 * 3).map(() => rng.uniform(-100, 100));
  const run = async (backend: 'cpu' | 'wasm', weights: Float32Array[] | null) => {
    await selectBackend({ prefer: backend, log: () => undefined });
    const model = buildGoogLeNet({ numClasses: 10, inputSize: 64, width: 0.125, auxHeads: true, seed: 3, dropoutMain: 0, dropoutAux: 0 });
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    if (weights) tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(weights[i]!, v.shape))));
    const initial = variables.map((v) => v.dataSync().slice() as Float32Array);
    const result = tf.tidy(() => {
      const x = tf.tensor4d(pixels, [2, 64, 64, 3]);
      const labels = tf.oneHot(tf.tensor1d([1, 7], 'int32'), 10).toFloat();
      const { value, grads } = tf.variableGrads(() => {
        const [main, aux1, aux2] = model.apply(x, { training: true }) as tf.Tensor[];
        const ce = (logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits);
        return tf.add(ce(main!), tf.mul(0.3, tf.add(ce(aux1!), ce(aux2!)))) as tf.Scalar;
      }, variables);
      return { loss: value.dataSync()[0]!, grads: variables.map((v) => grads[v.name]!.dataSync().slice() as Float32Array) };
    });
    model.dispose();
    return { ...result, initial };
  };
  const cpu = await run('cpu', null);
  const wasm = await run('wasm', cpu.initial);
  let worst = 0;
  cpu.grads.forEach((reference, i) => {
    const actual = wasm.grads[i]!;
    let diff = 0;
    let scale = 0;
    reference.forEach((r, j) => {
      diff = Math.max(diff, Math.abs(r - actual[j]!));
      scale = Math.max(scale, Math.abs(r));
    });
    worst = Math.max(worst, scale === 0 ? diff : diff / scale);
  });
  return { weightTensors: cpu.grads.length, worstRelativeError: worst, cpuLoss: cpu.loss, wasmLoss: wasm.loss };
}
