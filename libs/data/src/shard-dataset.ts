/** Reading a split's shards: random access by record batch, streaming in any order, seeded shuffles. */
import { readFile, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AsyncRecordBatchFileReader, RecordBatchReader } from 'apache-arrow';
import { Rng, sha256File } from '@googlenet/util';
import { decodeRecordBatch } from './arrow-shard.js';
import type { ClassInfo, ImageRecord, SplitManifest } from './types.js';

export interface ShardDatasetOptions {
  /** Decoded record batches kept in memory (LRU). Streaming a `shuffledOrder` needs `shuffleWindowBatches`. */
  cacheBatches?: number;
  /** Record batches whose rows are mixed together by `shuffledOrder`. */
  shuffleWindowBatches?: number;
}

interface Location {
  shard: number;
  batch: number;
  row: number;
}

export class ShardDataset {
  readonly numRows: number;
  readonly classes: ClassInfo[];
  /** Global index of the first row of each (shard, batch), flattened; plus the total at the end. */
  private readonly batchStarts: number[] = [];
  private readonly batchIds: Array<[number, number]> = [];
  private readonly readers = new Map<number, Promise<{ reader: AsyncRecordBatchFileReader; handle: FileHandle }>>();
  private readonly cache = new Map<string, Promise<ImageRecord[]>>();
  /** Reads of one file are serialized: the Arrow reader keeps a file position. */
  private readonly fileLocks = new Map<number, Promise<unknown>>();
  private readonly cacheBatches: number;
  private readonly shuffleWindowBatches: number;

  private constructor(
    readonly dir: string,
    readonly manifest: SplitManifest,
    opts: ShardDatasetOptions,
  ) {
    this.numRows = manifest.numRows;
    this.classes = manifest.classes;
    this.shuffleWindowBatches = opts.shuffleWindowBatches ?? 8;
    this.cacheBatches = Math.max(1, opts.cacheBatches ?? this.shuffleWindowBatches);
    let start = 0;
    manifest.shards.forEach((s, si) => {
      s.batchRows.forEach((n, bi) => {
        this.batchStarts.push(start);
        this.batchIds.push([si, bi]);
        start += n;
      });
    });
    this.batchStarts.push(start);
    if (start !== manifest.numRows) throw new Error(`${join(dir, 'manifest.json')}: shards hold ${start} rows but numRows is ${manifest.numRows}`);
  }

  static async open(dir: string, opts: ShardDatasetOptions = {}): Promise<ShardDataset> {
    const file = join(dir, 'manifest.json');
    let manifest: SplitManifest;
    try {
      manifest = JSON.parse(await readFile(file, 'utf8')) as SplitManifest;
    } catch (err) {
      throw new Error(`${file}: cannot read the split manifest (${(err as Error).message}); run 'googlenet ingest' first`);
    }
    if (manifest.version !== 1 || !Array.isArray(manifest.shards)) throw new Error(`${file}: not a version-1 split manifest`);
    return new ShardDataset(dir, manifest, opts);
  }

  get numBatches(): number {
    return this.batchIds.length;
  }

  /** (shard, batch, row) of a global row index. */
  locate(globalIndex: number): Location {
    if (!Number.isInteger(globalIndex) || globalIndex < 0 || globalIndex >= this.numRows) {
      throw new RangeError(`${this.dir}: row ${globalIndex} is out of range [0, ${this.numRows})`);
    }
    // Binary search for the last batch start ≤ globalIndex.
    let lo = 0;
    let hi = this.batchIds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.batchStarts[mid]! <= globalIndex) lo = mid;
      else hi = mid - 1;
    }
    const [shard, batch] = this.batchIds[lo]!;
    return { shard, batch, row: globalIndex - this.batchStarts[lo]! };
  }

  private reader(shard: number): Promise<{ reader: AsyncRecordBatchFileReader; handle: FileHandle }> {
    let r = this.readers.get(shard);
    if (!r) {
      const info = this.manifest.shards[shard];
      if (!info) throw new RangeError(`${this.dir}: no shard ${shard}`);
      r = (async () => {
        const handle = await open(join(this.dir, info.file));
        const reader = (await RecordBatchReader.from(handle)) as unknown as AsyncRecordBatchFileReader;
        if (!reader.isFile()) throw new Error(`${join(this.dir, info.file)}: not an Arrow IPC file`);
        await reader.open();
        return { reader, handle };
      })();
      this.readers.set(shard, r);
    }
    return r;
  }

  /** The rows of one record batch (cached; the least recently used batch is evicted). */
  readRecordBatch(shard: number, batch: number): Promise<ImageRecord[]> {
    const key = `${shard}/${batch}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const expected = this.manifest.shards[shard]?.batchRows[batch];
    if (expected === undefined) return Promise.reject(new RangeError(`${this.dir}: no record batch ${batch} in shard ${shard}`));
    const prior = this.fileLocks.get(shard) ?? Promise.resolve();
    const p = prior
      .catch(() => undefined)
      .then(async () => {
        const { reader } = await this.reader(shard);
        const rb = await reader.readRecordBatch(batch);
        const file = join(this.dir, this.manifest.shards[shard]!.file);
        if (!rb) throw new Error(`${file}: record batch ${batch} is missing`);
        const rows = decodeRecordBatch(rb);
        if (rows.length !== expected) throw new Error(`${file}: record batch ${batch} has ${rows.length} rows, the manifest says ${expected}`);
        return rows;
      });
    this.fileLocks.set(shard, p);
    this.cache.set(key, p);
    p.catch(() => this.cache.delete(key));
    while (this.cache.size > this.cacheBatches) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  async get(globalIndex: number): Promise<ImageRecord> {
    const { shard, batch, row } = this.locate(globalIndex);
    return (await this.readRecordBatch(shard, batch))[row]!;
  }

  /** Rows in `order` (default: storage order). */
  async *rows(order?: readonly number[]): AsyncIterable<ImageRecord> {
    if (!order) {
      for (const [shard, batch] of this.batchIds) yield* await this.readRecordBatch(shard, batch);
      return;
    }
    for (const i of order) yield await this.get(i);
  }

  /**
   * A permutation of all rows for one epoch, deterministic in (seed, epoch). Record batches are
   * shuffled, then the rows of each window of `shuffleWindowBatches` consecutive batches are
   * shuffled together: streaming it reads each batch once (with the default cache), where a
   * uniform permutation would read a batch per row. Ingest already stores training rows in a
   * seeded random order, so every window mixes all classes.
   */
  shuffledOrder(seed: number, epoch: number): number[] {
    const rng = Rng.derive(seed, epoch);
    const batches = rng.shuffle(Array.from({ length: this.batchIds.length }, (_, i) => i));
    const order: number[] = [];
    for (let w = 0; w < batches.length; w += this.shuffleWindowBatches) {
      const window: number[] = [];
      for (const b of batches.slice(w, w + this.shuffleWindowBatches)) {
        for (let i = this.batchStarts[b]!; i < this.batchStarts[b + 1]!; i++) window.push(i);
      }
      order.push(...rng.shuffle(window));
    }
    return order;
  }

  async close(): Promise<void> {
    const readers = [...this.readers.values()];
    this.readers.clear();
    this.cache.clear();
    await Promise.all(readers.map(async (r) => (await r.catch(() => null))?.handle.close()));
  }
}

export interface ShardCheck {
  file: string;
  ok: boolean;
  expected: string;
  actual: string | null;
}

/** sha256 of every shard against the manifest; `actual` is null for a missing file. */
export async function verifyShards(dir: string): Promise<ShardCheck[]> {
  const ds = await ShardDataset.open(dir);
  return Promise.all(
    ds.manifest.shards.map(async (s) => {
      const actual = await sha256File(join(dir, s.file)).catch(() => null);
      return { file: s.file, ok: actual === s.sha256, expected: s.sha256, actual };
    }),
  );
}
