/**
 * ILSVRC split → Arrow shards. Resumable: each finished shard is renamed into place and then
 * recorded in a small done-file; a rerun skips recorded shards and redoes the rest, so a run killed
 * at any point finishes without duplicates or losses. Same input and config ⇒ byte-identical shards.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { JsonlLog, Progress, Rng, sha256, stableStringify, writeJsonAtomic } from '@googlenet/util';
import { encodeShard } from './arrow-shard.js';
import { DecodePool } from './decode-pool.js';
import type { DecodeResult } from './decode-core.mjs';
import { readSplitSource, type SourceItem } from './layouts.js';
import type { Box, ClassInfo, ImageRecord, IngestConfig, LayoutName, QuarantineEntry, ShardInfo, SplitManifest, SplitName } from './types.js';
import { parseVocXml } from './voc-xml.js';

export interface IngestOptions {
  root: string;
  split: SplitName;
  out: string;
  layout?: 'auto' | LayoutName;
  /** Shorter side of the stored JPEG is capped at this (never upscaled). Default: DEFAULT_SHORTER_SIDE_MAX_PX[split]. */
  shorterSideMaxPx?: number;
  jpegQuality?: number;
  /** Images with more pixels are quarantined as decompression bombs. */
  maxInputPixels?: number;
  rowsPerBatch?: number;
  rowsPerShard?: number;
  /** Decoding threads; 0 decodes on the main thread. Default: all cores. */
  workers?: number;
  /** Seeds the row order of training splits (shards then mix classes). */
  seed?: number;
  /** Ingest only the first N images of the (seeded) order. */
  limit?: number;
  /** Show a progress bar (default: when stderr is a TTY). */
  progress?: boolean;
  /** Called after each shard is durably done (tests use it to kill a run mid-way). */
  onShardDone?: (shard: number, info: ShardInfo) => void | Promise<void>;
}

/** Validation keeps ≥ 352 px for 144-crop testing (largest test scale); training crops from 256. */
export const DEFAULT_SHORTER_SIDE_MAX_PX: Record<SplitName, number> = { train: 256, val: 352, 'det-train': 500, 'det-val': 500 };
export const DEFAULT_INGEST = { jpegQuality: 90, maxInputPixels: 89_478_485, rowsPerBatch: 256, rowsPerShard: 2048, seed: 0 };

/** What a done-file records about a finished shard. */
interface ShardDone extends ShardInfo {
  configHash: string;
  quarantined: QuarantineEntry[];
  /** Rows per class (classification) or boxes per class (detection), by wnid. */
  counts: Record<string, number>;
}

const shardName = (i: number): string => `shard-${String(i).padStart(5, '0')}.arrow`;
const doneName = (i: number): string => join('.done', `shard-${String(i).padStart(5, '0')}.json`);

export async function ingest(opts: IngestOptions): Promise<SplitManifest> {
  const decodeOpts = {
    shorterSideMaxPx: opts.shorterSideMaxPx ?? DEFAULT_SHORTER_SIDE_MAX_PX[opts.split],
    jpegQuality: opts.jpegQuality ?? DEFAULT_INGEST.jpegQuality,
    maxInputPixels: opts.maxInputPixels ?? DEFAULT_INGEST.maxInputPixels,
  };
  // Workers start (a few hundred ms each) while the tree is listed.
  const pool = new DecodePool(opts.workers ?? availableParallelism(), decodeOpts);
  try {
    return await ingestWith(pool, opts);
  } finally {
    await pool.close();
  }
}

async function ingestWith(pool: DecodePool, opts: IngestOptions): Promise<SplitManifest> {
  const source = await readSplitSource(opts.root, opts.split, opts.layout ?? 'auto');
  const config: IngestConfig = {
    split: opts.split,
    layout: source.layout,
    shorterSideMaxPx: opts.shorterSideMaxPx ?? DEFAULT_SHORTER_SIDE_MAX_PX[opts.split],
    jpegQuality: opts.jpegQuality ?? DEFAULT_INGEST.jpegQuality,
    maxInputPixels: opts.maxInputPixels ?? DEFAULT_INGEST.maxInputPixels,
    rowsPerBatch: opts.rowsPerBatch ?? DEFAULT_INGEST.rowsPerBatch,
    rowsPerShard: opts.rowsPerShard ?? DEFAULT_INGEST.rowsPerShard,
    seed: opts.seed ?? DEFAULT_INGEST.seed,
    limit: opts.limit ?? null,
  };
  for (const k of ['shorterSideMaxPx', 'jpegQuality', 'maxInputPixels', 'rowsPerBatch', 'rowsPerShard'] as const) {
    if (!Number.isInteger(config[k]) || config[k] <= 0) throw new Error(`ingest: ${k} must be a positive integer, got ${config[k]}`);
  }
  if (config.jpegQuality > 100) throw new Error(`ingest: jpegQuality must be at most 100, got ${config.jpegQuality}`);

  let items = [...source.items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (opts.split === 'train' || opts.split === 'det-train') items = new Rng(config.seed).shuffle(items);
  if (config.limit !== null) items = items.slice(0, config.limit);
  // The hash covers the settings and the exact list of inputs: a resumed run must see both unchanged.
  const configHash = sha256(stableStringify({ config, keys: sha256(items.map((i) => `${i.key}\t${i.label}`).join('\n')) }));

  await mkdir(join(opts.out, '.done'), { recursive: true });
  const planFile = join(opts.out, '.done', 'plan.json');
  if (existsSync(planFile)) {
    const plan = JSON.parse(await readFile(planFile, 'utf8')) as { configHash: string };
    if (plan.configHash !== configHash) {
      throw new Error(`${opts.out}: holds an ingest with another config or input list (hash ${plan.configHash.slice(0, 12)} ≠ ${configHash.slice(0, 12)}); use a new --out or delete it`);
    }
  } else {
    await writeJsonAtomic(planFile, { configHash, config, items: items.length });
  }
  // Temporary files of a killed run are garbage; the shards they were for are redone.
  for (const f of await readdir(opts.out)) if (f.includes('.tmp-')) await rm(join(opts.out, f), { force: true });

  const log = new JsonlLog(join(opts.out, 'ingest.log.jsonl'));
  const numShards = Math.ceil(items.length / config.rowsPerShard);
  log.write('start', { root: opts.root, split: opts.split, items: items.length, shards: numShards, workers: pool.workers, configHash, config });
  const progress = new Progress({ label: `ingest ${opts.split}`, total: items.length, unit: 'img', ...(opts.progress !== undefined ? { enabled: opts.progress } : {}) });
  const classIndex = new Map(source.classes.map((c) => [c.wnid, c.index]));
  const done: ShardDone[] = [];
  try {
    const todo: number[] = [];
    for (let s = 0; s < numShards; s++) {
      const prior = await readDone(opts.out, s, configHash);
      if (prior) {
        done[s] = prior;
        progress.tick(prior.rows + prior.quarantined.length);
        log.write('shard_skipped', { shard: s, file: prior.file, rows: prior.rows });
      } else todo.push(s);
    }
    const shardItems = (s: number): SourceItem[] => items.slice(s * config.rowsPerShard, (s + 1) * config.rowsPerShard);
    // Decoding of the next shard is queued before the current one is written, so workers never idle.
    const start = (s: number): Pending[] => startShard(pool, opts.root, shardItems(s), classIndex.size > 0 ? classIndex : null);
    let next = todo.length > 0 ? start(todo[0]!) : null;
    for (let t = 0; t < todo.length; t++) {
      const s = todo[t]!;
      const current = next!;
      next = t + 1 < todo.length ? start(todo[t + 1]!) : null;
      const started = Date.now();
      const rows: ImageRecord[] = [];
      const quarantined: QuarantineEntry[] = [];
      const counts: Record<string, number> = {};
      const sItems = shardItems(s);
      for (let k = 0; k < sItems.length; k++) {
        const item = sItems[k]!;
        const result = await current[k]!.decoded;
        progress.tick(1);
        if (!result.ok) {
          quarantined.push({ path: item.key, reason: result.reason });
          log.write('quarantine', { path: item.key, reason: result.reason });
          continue;
        }
        const boxes = await current[k]!.boxes;
        if (source.detection) for (const b of boxes) counts[b.wnid] = (counts[b.wnid] ?? 0) + 1;
        else counts[item.wnid] = (counts[item.wnid] ?? 0) + 1;
        const { ok: _ok, image, ...rest } = result;
        rows.push({ key: item.key, label: item.label, wnid: item.wnid, ...rest, image, boxes });
      }
      const info = await writeShard(opts.out, s, rows, config.rowsPerBatch);
      const record: ShardDone = { ...info, configHash, quarantined, counts };
      await writeJsonAtomic(join(opts.out, doneName(s)), record);
      done[s] = record;
      const seconds = (Date.now() - started) / 1000;
      log.write('shard_done', { shard: s, file: info.file, rows: info.rows, quarantined: quarantined.length, bytes: info.bytes, imagesPerSec: sItems.length / Math.max(seconds, 1e-3) });
      await opts.onShardDone?.(s, info);
    }
  } finally {
    progress.finish();
  }

  const manifest = assembleManifest(opts, config, configHash, source.classes, source.detection, done);
  await writeJsonAtomic(join(opts.out, 'manifest.json'), manifest);
  log.write('done', { rows: manifest.numRows, quarantined: manifest.quarantined.length, shards: manifest.shards.length });
  return manifest;
}

interface Pending {
  decoded: Promise<DecodeResult>;
  boxes: Promise<Box[]>;
}

/** Queues a shard's images for decoding and reads its XML meanwhile, one file at a time (bounded open files). */
function startShard(pool: DecodePool, root: string, items: SourceItem[], classIndex: Map<string, number> | null): Pending[] {
  let chain: Promise<unknown> = Promise.resolve();
  return items.map((item) => {
    const decoded = pool.decode(join(root, item.key));
    const boxes = chain.then(() => boxesOf(root, item, classIndex));
    chain = boxes.catch(() => undefined);
    // Failures surface where the result is awaited, in item order, not as unhandled rejections.
    decoded.catch(() => undefined);
    boxes.catch(() => undefined);
    return { decoded, boxes };
  });
}

async function boxesOf(root: string, item: SourceItem, classIndex: Map<string, number> | null): Promise<Box[]> {
  let boxes = item.boxes ?? [];
  if (item.xmlKey) {
    const file = join(root, item.xmlKey);
    boxes = parseVocXml(await readFile(file, 'utf8'), file).boxes;
  }
  if (classIndex) {
    for (const b of boxes) if (!classIndex.has(b.wnid)) throw new Error(`${join(root, item.xmlKey ?? item.key)}: box of unknown wnid '${b.wnid}'`);
  }
  return boxes;
}

async function writeShard(out: string, s: number, rows: ImageRecord[], rowsPerBatch: number): Promise<ShardInfo> {
  const file = shardName(s);
  const { bytes, batchRows } = encodeShard(rows, rowsPerBatch);
  const tmp = join(out, `${file}.tmp-${process.pid}`);
  await writeFile(tmp, bytes);
  await rename(tmp, join(out, file));
  return { file, rows: rows.length, batchRows, bytes: bytes.length, sha256: sha256(bytes) };
}

async function readDone(out: string, s: number, configHash: string): Promise<ShardDone | null> {
  const path = join(out, doneName(s));
  if (!existsSync(path)) return null;
  const record = JSON.parse(await readFile(path, 'utf8')) as ShardDone;
  if (record.configHash !== configHash) return null;
  // The done-file is written after the rename, so the shard must be there; check it cheaply.
  const st = await stat(join(out, record.file)).catch(() => null);
  return st && st.size === record.bytes ? record : null;
}

function assembleManifest(opts: IngestOptions, config: IngestConfig, configHash: string, sourceClasses: ClassInfo[], detection: boolean, done: ShardDone[]): SplitManifest {
  const countsPerClass: Record<string, number> = {};
  for (const d of done) for (const [w, n] of Object.entries(d.counts)) countsPerClass[w] = (countsPerClass[w] ?? 0) + n;
  const sortedCounts = Object.fromEntries(Object.entries(countsPerClass).sort(([a], [b]) => (a < b ? -1 : 1)));
  // A detection split without a devkit takes its classes from the boxes it saw.
  const classes = sourceClasses.length > 0 ? sourceClasses : Object.keys(sortedCounts).map((wnid, index) => ({ index, wnid, words: '' }));
  const manifest: SplitManifest = {
    version: 1,
    split: opts.split,
    root: opts.root,
    config,
    configHash,
    classes,
    numRows: done.reduce((n, d) => n + d.rows, 0),
    countsPerClass: sortedCounts,
    shards: done.map(({ file, rows, batchRows, bytes, sha256: sha }) => ({ file, rows, batchRows, bytes, sha256: sha })),
    quarantined: done.flatMap((d) => d.quarantined),
  };
  if (detection) manifest.detClasses = classes.filter((c) => c.wnid in sortedCounts);
  return manifest;
}
