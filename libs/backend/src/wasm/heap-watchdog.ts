import * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';

/** A 32-bit wasm heap ends here. */
const MAX_HEAP_BYTES = 4 * 2 ** 30;

/**
 * When the multithreaded wasm heap fills up, the fault happens in one of emscripten's pthreads and
 * the main thread, blocked in wasm waiting for it, waits forever: no error, no exit. Nothing on
 * the main thread can notice, so a watchdog thread does: the heap at its 4 GiB ceiling and no
 * heartbeat for `stallSeconds` means that hang. It then says so on stderr and ends the process
 * (SIGTERM, then SIGKILL). Returns the heartbeat (call it between steps) and a stop function.
 * Only for the multithreaded build (its heap is shared memory the watchdog can see); elsewhere,
 * or on another backend, both are no-ops.
 */
export function startWasmHeapWatchdog(opts: { stallSeconds: number; hint: string }): { beat: () => void; stop: () => void } {
  const memory = (tf.backend() as unknown as { wasm?: { wasmMemory?: { buffer: ArrayBufferLike } } }).wasm?.wasmMemory;
  if (tf.getBackend() !== 'wasm' || !memory || !(memory.buffer instanceof SharedArrayBuffer)) return { beat: () => undefined, stop: () => undefined };
  const beats = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { memory, beats, stallSeconds: opts.stallSeconds, maxHeapBytes: MAX_HEAP_BYTES, hint: opts.hint },
  });
  worker.unref();
  worker.on('error', () => undefined); // best effort: a broken watchdog must not end a healthy run
  return {
    beat: () => void Atomics.add(beats, 0, 1),
    stop: () => void worker.terminate(),
  };
}

/** Whether the watchdog ends the process: heap at the ceiling (within 64 MiB) and no beat for stallSeconds. */
export function isWasmHeapHang(heapBytes: number, secondsSinceBeat: number, stallSeconds: number, maxHeapBytes: number): boolean {
  return heapBytes >= maxHeapBytes - 64 * 2 ** 20 && secondsSinceBeat >= stallSeconds;
}

// The watchdog thread: plain JavaScript, evaluated (no TypeScript loader in the thread); the test
// of isWasmHeapHang covers the condition it embeds.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { memory, beats, stallSeconds, maxHeapBytes, hint } = workerData;
const isHang = ${isWasmHeapHang.toString()};
let last = Atomics.load(beats, 0);
let lastChange = Date.now();
setInterval(() => {
  const now = Atomics.load(beats, 0);
  if (now !== last) { last = now; lastChange = Date.now(); return; }
  const heap = memory.buffer.byteLength;
  if (!isHang(heap, (Date.now() - lastChange) / 1000, stallSeconds, maxHeapBytes)) return;
  writeSync(2, '\\nbackend: the WASM heap is full (' + Math.round(heap / 2 ** 20) + ' MiB) and the training step has not moved for ' +
    stallSeconds + ' s: a wasm thread failed and the main thread is waiting for it forever. Ending the process. ' + hint + '\\n');
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 5000);
}, 1000);
`;
