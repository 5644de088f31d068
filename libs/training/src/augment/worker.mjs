/**
 * A loader worker thread: augments the images the pool sends, into the batch's shared buffer.
 * Plain JavaScript so the thread starts without a TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AugmentKernel, augmentInto } from './core.mjs';

const kernel = new AugmentKernel(workerData?.wasmModule);
const views = new WeakMap(); // SharedArrayBuffer → Float32Array, one per batch buffer

parentPort.on('message', (msg) => {
  let out = views.get(msg.out);
  if (!out) views.set(msg.out, (out = new Float32Array(msg.out)));
  augmentInto(kernel, msg.encoded, msg.job, out, msg.outOffset).then(
    () => parentPort.postMessage({ id: msg.id }),
    (err) => parentPort.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
