import { Rng } from '@googlenet/util';
import type { AugmentConfig } from './augment/config.js';
import { centerCropImage, imageSize, kernelJob } from './augment/image.js';
import { drawAugmentParams } from './augment/params.js';
import { AugmentPool, defaultLoaderWorkers } from './augment/pool.js';
import type { ImageSource } from './source.js';

/** A micro-batch ready for the network: NHWC float32, mean-subtracted. */
export interface Batch {
  pixels: Float32Array;
  labels: Int32Array;
  size: number;
  /** Where this batch came from: epoch and position of its first image in the epoch's order. */
  epoch: number;
  indexInEpoch: number;
  /**
   * Hands `pixels` back to the loader for a later batch, once nothing reads it any more (tfjs's cpu
   * backend keeps the array it was given: dispose the tensor first). Optional: without it the
   * loader allocates a fresh buffer, whose pages the kernel must fault in (≈ 5% of the work).
   */
  release(): void;
}

/** The epoch's sampling order: a permutation of the rows seeded by (seed, epoch). */
export function epochOrder(numRows: number, seed: number, epoch: number): number[] {
  return Rng.derive(seed, 0x0dde, epoch).shuffle(Array.from({ length: numRows }, (_, i) => i));
}

/** The Rng of one training image's augmentation: fixed by (seed, epoch, position), so concurrency and resume cannot change it. */
export function imageRng(seed: number, epoch: number, indexInEpoch: number): Rng {
  return Rng.derive(seed, 0xa06, epoch, indexInEpoch);
}

export interface LoaderOptions {
  batchSize: number;
  /** Images used per epoch (a multiple of batchSize; the remainder of the order is dropped). */
  imagesPerEpoch: number;
  seed: number;
  inputSizePx: number;
  augment: AugmentConfig;
  meanRgb: readonly number[];
  /** Micro-batches decoded ahead (bounded queue). */
  prefetchBatches: number;
  /** Start here (resume): epoch and image position inside that epoch's order. */
  startEpoch: number;
  startIndexInEpoch: number;
  /** Threads that decode and augment (0: the calling thread). Default: cores − 1, at most 16. */
  workers?: number;
}

/**
 * Streams augmented micro-batches in the seeded per-epoch order. The main thread draws each
 * image's augmentation (so neither thread count nor timing can change it); worker threads decode
 * and augment into the batch's shared buffer. Keeping `prefetchBatches` batches in flight
 * overlaps them with the training step. Batches come out in order. close() stops the workers.
 */
export class BatchLoader {
  private readonly queue: Promise<Batch>[] = [];
  private epoch: number;
  private index: number;
  private order: number[] | null = null;
  private orderEpoch = -1;
  private readonly pool: AugmentPool;
  /** Released batch buffers, reused (at most prefetchBatches + 2 kept). */
  private readonly freeBuffers: Float32Array[] = [];

  constructor(
    private readonly source: ImageSource,
    private readonly opts: LoaderOptions,
  ) {
    if (opts.imagesPerEpoch < opts.batchSize || opts.imagesPerEpoch % opts.batchSize !== 0)
      throw new Error(`BatchLoader: imagesPerEpoch ${opts.imagesPerEpoch} must be a positive multiple of batchSize ${opts.batchSize}`);
    this.epoch = opts.startEpoch;
    this.index = opts.startIndexInEpoch;
    this.pool = new AugmentPool(opts.workers ?? defaultLoaderWorkers());
  }

  /** Loader threads decoding and augmenting (0: the calling thread). */
  get workers(): number {
    return this.pool.workers;
  }

  /** The next micro-batch; keeps the prefetch queue full. */
  next(): Promise<Batch> {
    while (this.queue.length < this.opts.prefetchBatches + 1) this.queue.push(this.load());
    const batch = this.queue.shift()!;
    // Attach a no-op handler so a failure in a prefetched batch is reported when it is awaited, not as unhandled.
    for (const p of this.queue) p.catch(() => undefined);
    return batch;
  }

  /** Micro-batches being prepared ahead of the consumer. */
  get inFlight(): number {
    return this.queue.length;
  }

  /** Waits for the in-flight batches so nothing runs after the loop ends. */
  async drain(): Promise<void> {
    await Promise.allSettled(this.queue.splice(0));
  }

  /** drain(), then stop the worker threads. */
  async close(): Promise<void> {
    await this.drain();
    await this.pool.close();
  }

  private load(): Promise<Batch> {
    if (this.index >= this.opts.imagesPerEpoch) {
      this.epoch++;
      this.index = 0;
    }
    const epoch = this.epoch;
    const start = this.index;
    this.index += this.opts.batchSize;
    if (this.orderEpoch !== epoch) {
      this.order = this.source.shuffledOrder?.(this.opts.seed, epoch) ?? epochOrder(this.source.numRows, this.opts.seed, epoch);
      this.orderEpoch = epoch;
    }
    const rows = this.order!.slice(start, start + this.opts.batchSize);
    return this.assemble(rows, epoch, start);
  }

  private async assemble(rows: number[], epoch: number, start: number): Promise<Batch> {
    const { inputSizePx, augment, meanRgb, seed } = this.opts;
    const perImage = inputSizePx * inputSizePx * 3;
    const floats = rows.length * perImage;
    const reused = this.freeBuffers.pop();
    const pixels = reused && reused.length === floats ? reused : this.pool.batchBuffer(floats);
    const labels = new Int32Array(rows.length);
    await Promise.all(
      rows.map(async (row, i) => {
        const rec = await this.source.get(row);
        try {
          const size = rec.storedWidth && rec.storedHeight ? { width: rec.storedWidth, height: rec.storedHeight } : await imageSize(rec.image);
          const params = drawAugmentParams(imageRng(seed, epoch, start + i), size.width, size.height, augment);
          await this.pool.run(rec.image, kernelJob(params, inputSizePx, meanRgb, size), pixels, i * perImage);
        } catch (err) {
          throw new Error(`${this.source.name}: row ${row}: cannot decode/augment image: ${(err as Error).message}`);
        }
        labels[i] = checkLabel(rec.label, this.source, row);
      }),
    );
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (this.freeBuffers.length < this.opts.prefetchBatches + 2) this.freeBuffers.push(pixels);
    };
    return { pixels, labels, size: rows.length, epoch, indexInEpoch: start, release };
  }
}

function checkLabel(label: number, source: ImageSource, row: number): number {
  if (!Number.isInteger(label) || label < 0 || label >= source.numClasses)
    throw new Error(`${source.name}: row ${row}: label ${label} outside [0, ${source.numClasses})`);
  return label;
}

/** Centre crops of rows [start, start + count) of a validation source, in order. */
export async function loadCenterCrops(
  source: ImageSource,
  start: number,
  count: number,
  inputSizePx: number,
  meanRgb: readonly number[],
): Promise<{ pixels: Float32Array; labels: Int32Array }> {
  const perImage = inputSizePx * inputSizePx * 3;
  const pixels = new Float32Array(count * perImage);
  const labels = new Int32Array(count);
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const rec = await source.get(start + i);
      const img = await centerCropImage(rec.image, inputSizePx, meanRgb);
      pixels.set(img.pixels, i * perImage);
      labels[i] = checkLabel(rec.label, source, start + i);
    }),
  );
  return { pixels, labels };
}
