/** Parallel decoding on worker threads (or on the main thread when workers = 0). */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { decodeFile, type DecodeOptions, type DecodeResult } from './decode-core.mjs';

interface Task {
  id: number;
  path: string;
  resolve: (r: DecodeResult) => void;
  reject: (e: Error) => void;
}

/** A worker thread, or the main thread (worker null). */
interface Slot {
  worker: Worker | null;
  inFlight: number;
}

/** Images handed to each worker at once, so that it never waits for the main thread. */
const IN_FLIGHT_PER_WORKER = 3;

/**
 * Decodes files with a bounded number in flight (only queued paths wait in memory, not bytes).
 * libvips settings are process-wide (worker threads share them), so they are set for the pool's
 * lifetime and restored by close(): no operation cache (every file is seen once), and libvips
 * threads per image such that images in flight × threads ≈ cores. sharp's work runs on libuv's
 * threadpool (UV_THREADPOOL_SIZE, default 4), which bounds the images decoding at once.
 */
export class DecodePool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Task & { slot: Slot }>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private failure: Error | null = null;
  private readonly savedSharp: { concurrency: number; cache: ReturnType<typeof sharp.cache> };

  constructor(
    readonly workers: number,
    private readonly opts: DecodeOptions,
  ) {
    if (!Number.isInteger(workers) || workers < 0) throw new Error(`decode pool: workers must be a non-negative integer, got ${workers}`);
    this.savedSharp = { concurrency: sharp.concurrency(), cache: sharp.cache() };
    const concurrentImages = Math.min(Number(process.env.UV_THREADPOOL_SIZE) || 4, Math.max(1, workers) * IN_FLIGHT_PER_WORKER);
    sharp.concurrency(Math.max(1, Math.round(availableParallelism() / concurrentImages)));
    sharp.cache(false);
    if (workers === 0) this.slots.push({ worker: null, inFlight: 0 });
    for (let i = 0; i < workers; i++) {
      // Plain JavaScript: no TypeScript loader (tsx, vitest) is inherited, which would cost startup time.
      const worker = new Worker(new URL('./decode-worker.mjs', import.meta.url), { execArgv: [] });
      worker.on('message', (msg: { id: number; result: DecodeResult }) => this.settle(msg.id, msg.result));
      worker.on('error', (err) => this.fail(new Error(`decode worker ${i} crashed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`decode worker ${i} exited with code ${code}`));
      });
      this.slots.push({ worker, inFlight: 0 });
    }
  }

  decode(path: string): Promise<DecodeResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, path, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      if (slot.inFlight >= IN_FLIGHT_PER_WORKER) return;
      const task = this.queue.shift()!;
      slot.inFlight++;
      this.pending.set(task.id, { ...task, slot });
      if (slot.worker) slot.worker.postMessage({ id: task.id, path: task.path, opts: this.opts });
      else {
        decodeFile(task.path, this.opts).then(
          (r) => this.settle(task.id, r),
          (err: Error) => this.fail(new Error(`decoding ${task.path} failed: ${err.message}`)),
        );
      }
    }
  }

  private settle(id: number, result: DecodeResult): void {
    const task = this.pending.get(id);
    if (!task) return;
    this.pending.delete(id);
    task.slot.inFlight--;
    task.resolve(result);
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
    this.failure ??= new Error('decode pool closed');
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    sharp.concurrency(this.savedSharp.concurrency);
    const c = this.savedSharp.cache;
    sharp.cache({ memory: c.memory.max ?? 50, files: c.files.max, items: c.items.max });
  }
}
