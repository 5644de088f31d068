import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AugmentKernel, augmentInto, kernelModule, type KernelJob } from './core.mjs';

interface Task {
  id: number;
  encoded: Uint8Array;
  job: KernelJob;
  out: Float32Array;
  outOffset: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker | null;
  inFlight: number;
}

/** Images handed to each worker at once, so it never waits for the main thread between images. */
const IN_FLIGHT_PER_WORKER = 2;

/** The default number of loader threads: the cores the training step leaves, at most 16. */
export function defaultLoaderWorkers(): number {
  return Math.max(1, Math.min(16, availableParallelism() - 1));
}

/**
 * Runs augmentation jobs on worker threads (or on the calling thread when workers = 0), each
 * writing its image into a slot of a batch buffer. With workers the buffer must be backed by a
 * SharedArrayBuffer (see batchBuffer). A worker that crashes fails every pending job, loudly.
 */
export class AugmentPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Task & { slot: Slot }>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private failure: Error | null = null;
  private localKernel: AugmentKernel | null = null;

  constructor(readonly workers: number) {
    if (!Number.isInteger(workers) || workers < 0) throw new Error(`augment pool: workers must be a non-negative integer, got ${workers}`);
    if (workers === 0) this.slots.push({ worker: null, inFlight: 0 });
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./worker.mjs', import.meta.url), { execArgv: [], workerData: { wasmModule: kernelModule() } });
      worker.on('message', (msg: { id: number; error?: string }) => this.settle(msg.id, msg.error));
      worker.on('error', (err) => this.fail(new Error(`loader worker ${i} crashed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`loader worker ${i} exited with code ${code}`));
      });
      worker.unref(); // an idle pool never holds the process open
      this.slots.push({ worker, inFlight: 0 });
    }
  }

  /** A batch buffer the workers can write into: shared memory when there are workers. */
  batchBuffer(floats: number): Float32Array {
    return this.workers > 0 ? new Float32Array(new SharedArrayBuffer(floats * 4)) : new Float32Array(floats);
  }

  /** Decodes and augments `encoded` into out[outOffset …]; resolves when it is there. */
  run(encoded: Uint8Array, job: KernelJob, out: Float32Array, outOffset: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.workers > 0 && !(out.buffer instanceof SharedArrayBuffer)) throw new Error('augment pool: out must come from batchBuffer()');
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, encoded, job, out, outOffset, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      if (slot.worker && slot.inFlight >= IN_FLIGHT_PER_WORKER) return;
      const task = this.queue.shift()!;
      slot.inFlight++;
      this.pending.set(task.id, { ...task, slot });
      if (slot.worker) {
        slot.worker.ref();
        slot.worker.postMessage({ id: task.id, encoded: task.encoded, job: task.job, out: task.out.buffer, outOffset: task.outOffset });
      } else {
        this.localKernel ??= new AugmentKernel();
        augmentInto(this.localKernel, task.encoded, task.job, task.out, task.outOffset).then(
          () => this.settle(task.id),
          (err: Error) => this.settle(task.id, err.message),
        );
      }
    }
  }

  private settle(id: number, error?: string): void {
    const task = this.pending.get(id);
    if (!task) return;
    this.pending.delete(id);
    task.slot.inFlight--;
    if (task.slot.worker && task.slot.inFlight === 0) task.slot.worker.unref();
    if (error === undefined) task.resolve();
    else task.reject(new Error(error));
    this.pump();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const t of [...this.pending.values(), ...this.queue]) t.reject(err);
    this.pending.clear();
    this.queue.length = 0;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('augment pool closed');
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }
}
