// Worker script for worker-pool.test.ts: doubles numbers, rejects negatives, exits on 'exit'.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, task }) => {
  if (task === 'exit') process.exit(3);
  if (task < 0) return parentPort.postMessage({ id, error: `negative: ${task}` });
  setTimeout(() => parentPort.postMessage({ id, result: task * 2 }), (task % 3) * 5); // out of order
});
