/**
 * Forward and training-step time of GoogLeNet on one backend. Prints one table row per config.
 *   npx tsx libs/model/bench-step.ts [--backend wasm|cpu] [--size 64] [--width 0.25] [--batch 8] [--steps 3]
 * Times are medians over steps after one warm-up step; on a shared machine they are noisy.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, selectBackend } from '@googlenet/backend';
import { buildGoogLeNet } from './src/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const backend = arg('backend', 'wasm');
if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`bench-step: --backend must be wasm or cpu, got '${backend}'`);
const sizePx = Number(arg('size', '64'));
const width = Number(arg('width', '0.25'));
const batch = Number(arg('batch', '8'));
const steps = Number(arg('steps', '3'));
const numClasses = 10;

await selectBackend({ prefer: backend });
if (backend === 'wasm') registerWasmTrainingKernels();

const model = buildGoogLeNet({ inputSize: sizePx, width, numClasses });
const x = tf.randomUniform([batch, sizePx, sizePx, 3], -120, 120, 'float32', 1);
const labels = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % numClasses), 'int32'), numClasses);
const optimizer = tf.train.momentum(0.01, 0.9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const forwardMs: number[] = [];
const stepMs: number[] = [];
for (let i = 0; i <= steps; i++) {
  let t = performance.now();
  tf.tidy(() => {
    (model.predict(x) as tf.Tensor[])[0]!.dataSync();
  });
  if (i > 0) forwardMs.push(performance.now() - t);
  t = performance.now();
  const loss = optimizer.minimize(() => {
    const [main, aux1, aux2] = model.apply(x, { training: true }) as tf.Tensor[];
    const ce = (logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits);
    return tf.add(ce(main!), tf.mul(0.3, tf.add(ce(aux1!), ce(aux2!)))) as tf.Scalar;
  }, true);
  loss?.dataSync();
  loss?.dispose();
  if (i > 0) stepMs.push(performance.now() - t);
}

console.log('backend  size  width  batch  forward ms  train step ms  images/s (train)');
console.log(
  [
    backend.padEnd(7),
    String(sizePx).padStart(4),
    String(width).padStart(5),
    String(batch).padStart(5),
    median(forwardMs).toFixed(0).padStart(10),
    median(stepMs).toFixed(0).padStart(13),
    ((batch * 1000) / median(stepMs)).toFixed(1).padStart(16),
  ].join('  '),
);
