/** Parallel decoding on worker threads (or on the main thread when workers = 0). */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { WorkerPool } from '@googlenet/util';
import { decodeFile, type DecodeOptions, type DecodeResult } from './decode-core.mjs';

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
  private readonly pool: WorkerPool<{ path: string; opts: DecodeOptions }, DecodeResult>;
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
    this.pool = new WorkerPool({
      name: 'decode worker',
      workers,
      script: new URL('./decode-worker.mjs', import.meta.url),
      inFlightPerWorker: IN_FLIGHT_PER_WORKER,
      runLocal: ({ path, opts: o }) => decodeFile(path, o),
    });
  }

  decode(path: string): Promise<DecodeResult> {
    return this.pool.run({ path, opts: this.opts }).catch((err: Error) => {
      throw new Error(`decoding ${path} failed: ${err.message}`);
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
    sharp.concurrency(this.savedSharp.concurrency);
    const c = this.savedSharp.cache;
    sharp.cache({ memory: c.memory.max ?? 50, files: c.files.max, items: c.items.max });
  }
}
