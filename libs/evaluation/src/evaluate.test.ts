/**
 * End to end on the demo dataset: synth → ingest (stored JPEGs smaller than the originals) →
 * tiny GoogLeNets at 64 px → 1/10/144-crop evaluation of one model and an ensemble.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@googlenet/backend';
import { ingest, ShardDataset, synthesize } from '@googlenet/data';
import { buildGoogLeNet } from '@googlenet/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEnsemble, evaluateModel, resultFor } from './evaluate.js';
import { averageMembers } from './pooling.js';
import type { EvaluationResult } from './result.js';
import { scoreDataset } from './scoring.js';
import { formatTable3 } from './table3.js';

const INPUT_PX = 64;
let root: string;
let dataset: ShardDataset;
let models: tf.LayersModel[];

beforeAll(async () => {
  // wasm: ~20× faster than the pure-JS cpu backend on this network (see the report), deterministic too.
  await selectBackend({ prefer: 'wasm', log: () => undefined });
  root = mkdtempSync(join(tmpdir(), 'eval-e2e-'));
  await synthesize({ out: join(root, 'raw'), seed: 7, numClasses: 3, trainPerClass: 0, valPerClass: 2, detTrainImages: 0, detValImages: 0, minSidePx: 60, maxSidePx: 140, progress: false });
  // Cap stored shorter sides at 48 px: the crop plan (from original sizes) must still map onto them.
  await ingest({ root: join(root, 'raw'), split: 'val', out: join(root, 'val'), shorterSideMaxPx: 48, workers: 0, progress: false });
  dataset = await ShardDataset.open(join(root, 'val'));
  models = [
    buildGoogLeNet({ numClasses: 3, inputSize: INPUT_PX, width: 0.125, auxHeads: true, seed: 1 }),
    buildGoogLeNet({ numClasses: 3, inputSize: INPUT_PX, width: 0.125, auxHeads: false, seed: 2 }),
  ];
});

afterAll(() => {
  models?.forEach((m) => m.dispose());
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('evaluation of tiny models on the demo dataset', () => {
  it('stores images smaller than the originals (so the ratio mapping is exercised)', async () => {
    expect(dataset.numRows).toBe(6);
    const rec = await dataset.get(0);
    expect(Math.min(rec.storedWidth, rec.storedHeight)).toBe(48);
    expect(Math.min(rec.width, rec.height)).toBeGreaterThan(48);
  });

  it('gives the same results on every run, leaks no tensor, and fills all six Table 3 rows', async () => {
    const before = tf.memory().numTensors;
    const weights = ['seed1', 'seed2'];
    const all: EvaluationResult[] = [];
    for (const crops of [1, 10, 144] as const) all.push(...(await evaluateEnsemble(models, weights, dataset, { crops, progress: false })));
    const again = await evaluateEnsemble(models, weights, dataset, { crops: 144, progress: false });
    expect(tf.memory().numTensors).toBe(before);

    const r144 = all.filter((r) => r.crops === 144);
    expect(again.map((r) => [r.top1Error, r.top5Error, r.perClassAccuracy])).toEqual(r144.map((r) => [r.top1Error, r.top5Error, r.perClassAccuracy]));
    expect(all.map((r) => [r.models, r.crops, r.cost, r.images, r.inputSizePx, r.backend])).toEqual([
      [1, 1, 1, 6, 64, 'wasm'],
      [2, 1, 2, 6, 64, 'wasm'],
      [1, 10, 10, 6, 64, 'wasm'],
      [2, 10, 20, 6, 64, 'wasm'],
      [1, 144, 144, 6, 64, 'wasm'],
      [2, 144, 288, 6, 64, 'wasm'],
    ]);
    const rows = formatTable3(all).split('\n').slice(2, 8);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).not.toContain('–');
  });

  it('averages an ensemble exactly as separate single-model runs averaged by hand, whatever the batch size', async () => {
    const [ensemble, alone0, alone1] = [
      await scoreDataset(models, dataset, { crops: 10, batchSize: 7, progress: false }),
      await scoreDataset([models[0]], dataset, { crops: 10, batchSize: 32, progress: false }),
      await scoreDataset([models[1]], dataset, { crops: 10, batchSize: 3, progress: false }),
    ];
    const byHand = averageMembers([alone0.members[0], alone1.members[0]]);
    const joint = averageMembers(ensemble.members);
    byHand.forEach((v, k) => expect(joint[k]).toBeCloseTo(v, 5));
    // Each image's pooled probabilities are a distribution (mean of softmaxes).
    for (let i = 0; i < ensemble.images; i++) expect(joint[i * 3] + joint[i * 3 + 1] + joint[i * 3 + 2]).toBeCloseTo(1, 5);
    expect(ensemble.cropsEvaluated).toBe(60);
    // Max over crops (the ablation) is never below the mean over the same crops.
    const maxed = await scoreDataset([models[0]], dataset, { crops: 10, pooling: 'max', progress: false });
    maxed.members[0].forEach((v, k) => expect(v).toBeGreaterThanOrEqual(alone0.members[0][k] - 1e-7));
    expect(maxed.members[0].some((v, k) => v > alone0.members[0][k] + 1e-4)).toBe(true);
    expect(Array.from(ensemble.labels).sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('gives training/pipelines the single-model centre-crop metrics, and honours limit', async () => {
    const metrics = await evaluateModel(models[1], dataset, { limit: 4, progress: false });
    const scored = await scoreDataset([models[1]], dataset, { crops: 1, limit: 4, progress: false });
    const viaResult = resultFor(scored, ['m']);
    expect(metrics.images).toBe(4);
    expect([metrics.top1Error, metrics.top5Error]).toEqual([viaResult.top1Error, viaResult.top5Error]);
  });

  it('rejects a model whose classes or input size do not match the data', async () => {
    const wrong = buildGoogLeNet({ numClasses: 5, inputSize: INPUT_PX, width: 0.125, auxHeads: false, seed: 3 });
    try {
      await expect(scoreDataset([wrong], dataset, { crops: 1, progress: false })).rejects.toThrow(/the dataset has 3 classes/);
      await expect(scoreDataset([models[1]], dataset, { crops: 1, inputSizePx: 96, progress: false })).rejects.toThrow(/takes 64 px inputs, evaluation is at 96 px/);
    } finally {
      wrong.dispose();
    }
  });
});
