// Worker thread: decodes files on request (WorkerPool's protocol, @googlenet/util).
// Messages in: { id, task: { path, opts } }; out: { id, result } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { decodeFile } from './decode-core.mjs';

if (!parentPort) throw new Error('decode-worker.mjs must run as a worker thread');
const port = parentPort;
port.on('message', async ({ id, task }) => {
  let result;
  try {
    result = await decodeFile(task.path, task.opts);
  } catch (err) {
    return port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
  if (!result.ok) return port.postMessage({ id, result });
  // sharp's buffers live in native memory that cannot be transferred; copy once into a plain
  // ArrayBuffer and transfer that (no second copy through structured clone).
  const image = new Uint8Array(result.image);
  port.postMessage({ id, result: { ...result, image } }, [image.buffer]);
});
