import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { registerWasmTrainingKernels } from './register-training-kernels.js';
import { enableNodeWasmThreads, NODE_WASM_THREADS_PROVEN } from './node-threads.js';

type WasmPackage = typeof import('@tensorflow/tfjs-backend-wasm');

export interface WasmThreadOptions {
  multithread: boolean;
  threads: number;
}

const require = createRequire(import.meta.url);
let started: { threads: number; multithreaded: boolean; threadsNote?: string } | null = null;

/** The machine as thread defaults see it: its cores and its 1-minute load average. */
export interface MachineLoad {
  cores: number;
  load1: number;
}

export function currentMachineLoad(): MachineLoad {
  return { cores: availableParallelism(), load1: loadavg()[0] ?? 0 };
}

/**
 * Thread settings: options, then env GOOGLENET_WASM_MT / GOOGLENET_WASM_THREADS, then defaults.
 * The default count is the cores left idle by others (cores − load average, rounded, ≥ 1): on a
 * busy machine extra threads only wait on each other (measured: 2 threads 0.3–0.9× of 1 at load
 * ≈ 4× the cores). Results are bit-identical for any count, so this changes speed, not numbers.
 */
export function wasmThreadOptionsFromEnv(
  opts: { multithread?: boolean; threads?: number },
  machine: MachineLoad = currentMachineLoad(),
): WasmThreadOptions & { note?: string } {
  const envMt = process.env['GOOGLENET_WASM_MT'];
  const envThreads = process.env['GOOGLENET_WASM_THREADS'];
  const asked = opts.threads ?? (envThreads ? Number(envThreads) : undefined);
  if (asked !== undefined && (!Number.isInteger(asked) || asked < 1)) {
    throw new Error(`backend: GOOGLENET_WASM_THREADS / threads must be a positive integer (got '${envThreads ?? opts.threads}')`);
  }
  const idleCores = Math.max(1, Math.min(machine.cores, Math.round(machine.cores - machine.load1)));
  const threads = asked ?? idleCores;
  const wanted = opts.multithread ?? (envMt != null && envMt !== '' ? envMt !== '0' : NODE_WASM_THREADS_PROVEN);
  const multithread = wanted && threads > 1;
  const note =
    wanted && asked === undefined && idleCores < machine.cores
      ? `${idleCores} thread${idleCores === 1 ? '' : 's'}: machine busy (load ${machine.load1.toFixed(1)} on ${machine.cores} cores); GOOGLENET_WASM_THREADS=N overrides`
      : undefined;
  return { multithread, threads: multithread ? threads : 1, ...(note ? { note } : {}) };
}

/**
 * Starts the wasm backend once per process (emscripten cannot be re-initialised with other
 * thread settings), registers our training kernels, and makes it the active backend. If the
 * threaded build fails to start, falls back to one thread and says why in `threadsNote`.
 */
export async function initWasm(
  options: WasmThreadOptions & { note?: string },
): Promise<{ threads: number; multithreaded: boolean; threadsNote?: string }> {
  const wasm = require('@tensorflow/tfjs-backend-wasm') as WasmPackage;
  if (started == null) {
    let threadsNote = options.note;
    if (options.multithread) {
      try {
        await startWasm(wasm, options);
      } catch (error) {
        threadsNote = `multithreaded start failed, using 1 thread: ${(error as Error).message}`;
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        await startWasm(wasm, { multithread: false, threads: 1 });
      }
    } else {
      await startWasm(wasm, options);
    }
    const threads = wasm.getThreadsCount();
    started = { threads, multithreaded: options.multithread && threads > 1, threadsNote };
  } else {
    await setWasmBackend();
  }
  registerWasmTrainingKernels();
  return started;
}

async function startWasm(wasm: WasmPackage, options: WasmThreadOptions): Promise<void> {
  const restore = options.multithread ? enableNodeWasmThreads(options.threads) : () => undefined;
  wasm.setThreadsCount(options.threads);
  try {
    await setWasmBackend();
  } finally {
    restore();
  }
}

async function setWasmBackend(): Promise<void> {
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error("tf.setBackend('wasm') failed to initialise");
  await tf.ready();
  guardWasmMalloc(tf.backend() as unknown as { wasm: WasmMalloc });
}

/** The part of the emscripten module that tfjs allocates every tensor with. */
export interface WasmMalloc {
  _malloc(bytes: number): number;
  wasmMemory?: { buffer: ArrayBufferLike };
  HEAPU8?: Uint8Array;
}

/** Thrown when the wasm heap cannot grow to hold a new tensor. */
export class WasmHeapExhaustedError extends Error {
  constructor(bytes: number, heapBytes: number) {
    super(
      `backend: the WASM heap is full: could not allocate ${(bytes / 2 ** 20).toFixed(1)} MiB with ` +
        `${(heapBytes / 2 ** 20).toFixed(0)} MiB in use (a 32-bit heap ends at 4096 MiB)`,
    );
    this.name = 'WasmHeapExhaustedError';
  }
}

/**
 * tfjs ignores a failed malloc (0) and writes the tensor at address 0, so an exhausted heap
 * surfaces later as "memory access out of bounds", and with threads as a pthread fault that
 * leaves the main thread waiting forever. Checking each allocation turns it into an error, on the
 * main thread, at the allocation. Idempotent.
 */
export function guardWasmMalloc(backend: { wasm: WasmMalloc }): void {
  const module = backend.wasm as WasmMalloc & { googlenetGuarded?: boolean };
  if (module.googlenetGuarded) return;
  const malloc = module._malloc.bind(module);
  module._malloc = (bytes: number): number => {
    const at = malloc(bytes);
    if (at === 0 && bytes > 0) throw new WasmHeapExhaustedError(bytes, (module.wasmMemory?.buffer ?? module.HEAPU8?.buffer)?.byteLength ?? 0);
    return at;
  };
  module.googlenetGuarded = true;
}
