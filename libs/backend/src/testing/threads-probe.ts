/**
 * Run as a child process by node-threads.test.ts: starts wasm with the thread settings of the
 * environment (GOOGLENET_WASM_MT / GOOGLENET_WASM_THREADS), computes a conv forward pass and
 * the tiny network's gradients, and prints them as one JSON line. Exiting at all proves the
 * thread pool does not keep Node alive.
 */
import * as tf from '@tensorflow/tfjs';
import { sha256 } from '@googlenet/util';
import { selectBackend } from '../select-backend.js';
import { randomHost } from './helpers.js';
import { TINY_CLASSES, TINY_INPUT_PX, buildTinyInception, tinyLoss } from './tiny-inception.js';

const info = await selectBackend({ prefer: 'wasm', log: () => undefined });
const x = randomHost([4, 20, 20, 16], 1);
const w = randomHost([3, 3, 16, 32], 2);
/** Exact fingerprint of float32 results (bit-identical ⇔ same hash) plus a sanity magnitude. */
const fingerprint = (values: Float32Array) => ({
  sha256: sha256(Buffer.from(values.buffer, values.byteOffset, values.byteLength)),
  length: values.length,
  sumAbs: values.reduce((s, v) => s + Math.abs(v), 0),
});
const conv = tf.tidy(() =>
  fingerprint(tf.conv2d(tf.tensor4d(x.values, [4, 20, 20, 16]), tf.tensor4d(w.values, [3, 3, 16, 32]), 1, 'same').dataSync() as Float32Array),
);
const net = buildTinyInception(7);
const image = randomHost([4, TINY_INPUT_PX, TINY_INPUT_PX, 3], 3, 100);
const gradients = tf.tidy(() => {
  const input = tf.tensor4d(image.values, [4, TINY_INPUT_PX, TINY_INPUT_PX, 3]);
  const oneHot = tf.oneHot(tf.tensor1d([1, 2, 3, 4], 'int32'), TINY_CLASSES).toFloat() as tf.Tensor2D;
  const { grads } = tf.variableGrads(() => tinyLoss(net, input, oneHot, 5));
  return Object.values(grads).map((g) => fingerprint(g.dataSync() as Float32Array));
});
process.stdout.write(`${JSON.stringify({ threads: info.threads, multithreaded: info.multithreaded, conv, gradients })}\n`);
