// Worker thread: decodes files on request. Messages in: { id, path, opts }; out: { id, result }.
import { parentPort } from 'node:worker_threads';
import { decodeFile } from './decode-core.mjs';

if (!parentPort) throw new Error('decode-worker.mjs must run as a worker thread');
const port = parentPort;
port.on('message', async (msg) => {
  const result = await decodeFile(msg.path, msg.opts);
  if (!result.ok) return port.postMessage({ id: msg.id, result });
  // sharp's buffers live in native memory that cannot be transferred; copy once into a plain
  // ArrayBuffer and transfer that (no second copy through structured clone).
  const image = new Uint8Array(result.image);
  port.postMessage({ id: msg.id, result: { ...result, image } }, [image.buffer]);
});
