import { availableParallelism } from 'node:os';
import { WorkerPool } from '@googlenet/util';
import { AugmentKernel, augmentInto, kernelModule, type KernelJob } from './core.mjs';

/** One image: decode `encoded`, augment as `job` says, write into out[outOffset …]. */
interface AugmentTask {
  encoded: Uint8Array;
  job: KernelJob;
  out: Float32Array;
  outOffset: number;
}

/**
 * What a worker is sent for one image. The encoded bytes are copied into a buffer of their own,
 * which is then transferred, not cloned: a record from the shards is a view into its whole record
 * batch, and posting a view clones the entire buffer behind it (tens of MB per image).
 */
export function workerTask(encoded: Uint8Array, job: KernelJob, out: Float32Array, outOffset: number): AugmentTask {
  return { encoded: encoded.slice(), job, out, outOffset };
}

/** The default number of loader threads: the cores the training step leaves, at most 16. */
export function defaultLoaderWorkers(): number {
  return Math.max(1, Math.min(16, availableParallelism() - 1));
}

/**
 * Runs augmentation jobs on worker threads (worker.mjs; or on the calling thread when workers =
 * 0), each writing its image into a slot of a batch buffer. With workers the buffer must be
 * shared memory (batchBuffer), which the workers write in place.
 */
export class AugmentPool {
  private readonly pool: WorkerPool<AugmentTask, void>;
  private localKernel: AugmentKernel | null = null;

  constructor(readonly workers: number) {
    this.pool = new WorkerPool<AugmentTask, void>({
      name: 'loader worker',
      workers,
      script: new URL('./worker.mjs', import.meta.url),
      // One compiled module for every thread: they share V8's optimised code for it.
      workerData: { wasmModule: kernelModule() },
      // Two images each, so a worker never waits for the main thread between images.
      inFlightPerWorker: 2,
      runLocal: (t) => augmentInto((this.localKernel ??= new AugmentKernel()), t.encoded, t.job, t.out, t.outOffset),
      transfer: (t) => [t.encoded.buffer as ArrayBuffer],
      unrefWhenIdle: true,
    });
  }

  /** A batch buffer the workers can write into: shared memory when there are workers. */
  batchBuffer(floats: number): Float32Array {
    return this.workers > 0 ? new Float32Array(new SharedArrayBuffer(floats * 4)) : new Float32Array(floats);
  }

  /** Decodes and augments `encoded` into out[outOffset …]; resolves when it is there. */
  run(encoded: Uint8Array, job: KernelJob, out: Float32Array, outOffset: number): Promise<void> {
    if (this.workers === 0) return this.pool.run({ encoded, job, out, outOffset });
    if (!(out.buffer instanceof SharedArrayBuffer)) throw new Error('augment pool: out must come from batchBuffer()');
    return this.pool.run(workerTask(encoded, job, out, outOffset));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
