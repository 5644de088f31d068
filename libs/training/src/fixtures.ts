/** Test fixture: a tiny synthetic dataset, synthesized and ingested into Arrow shards by @googlenet/data. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, synthesize } from '@googlenet/data';

export interface TinyShards {
  root: string;
  train: string;
  val: string;
}

/** `numClasses` × `trainPerClass` training rows and × `valPerClass` validation rows, small JPEGs. */
export async function makeTinyShards(opts: { numClasses: number; trainPerClass: number; valPerClass: number; seed?: number; dir?: string }): Promise<TinyShards> {
  const root = opts.dir ?? mkdtempSync(join(tmpdir(), 'training-shards-'));
  const raw = join(root, 'raw');
  await synthesize({
    out: raw,
    seed: opts.seed ?? 1,
    numClasses: opts.numClasses,
    trainPerClass: opts.trainPerClass,
    valPerClass: opts.valPerClass,
    detTrainImages: 0,
    detValImages: 0,
    minSidePx: 72,
    maxSidePx: 120,
    progress: false,
  });
  const train = join(root, 'train');
  const val = join(root, 'val');
  await ingest({ root: raw, split: 'train', out: train, workers: 0, rowsPerBatch: 8, progress: false });
  await ingest({ root: raw, split: 'val', out: val, workers: 0, rowsPerBatch: 8, progress: false });
  return { root, train, val };
}
