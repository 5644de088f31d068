/**
 * A loader worker thread (WorkerPool's protocol, @googlenet/util): augments the images the pool
 * sends into the batch's shared buffer. Plain JavaScript so the thread starts without a
 * TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AugmentKernel, augmentInto } from './core.mjs';

const kernel = new AugmentKernel(workerData?.wasmModule);

parentPort.on('message', ({ id, task }) => {
  // task.out is a view of the batch's SharedArrayBuffer: written in place, nothing to send back.
  augmentInto(kernel, task.encoded, task.job, task.out, task.outOffset).then(
    () => parentPort.postMessage({ id }),
    (err) => parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
});
