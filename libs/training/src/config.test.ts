import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAPER_RECIPE, resolveConfig } from './config.js';
import { loadTrainConfig } from './config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'train-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('training config', () => {
  it("PAPER_RECIPE is the paper's and Caffe's recipe", () => {
    expect(PAPER_RECIPE.momentum).toBe(0.9);
    expect(PAPER_RECIPE.auxLossWeight).toBe(0.3);
    expect(PAPER_RECIPE.lrSchedule).toEqual({ kind: 'step', gamma: 0.96, everyEpochs: 8 });
    expect(PAPER_RECIPE.augment.minAreaFraction).toBe(0.08);
    expect([PAPER_RECIPE.augment.minAspect, PAPER_RECIPE.augment.maxAspect]).toEqual([3 / 4, 4 / 3]);
    expect(PAPER_RECIPE.augment.interpolations).toEqual(['bilinear', 'area', 'nearest', 'cubic']);
    expect([PAPER_RECIPE.dropoutMain, PAPER_RECIPE.dropoutAux]).toEqual([0.4, 0.7]);
  });

  it('fills defaults, keeps overrides, merges augment, leaves numClasses to the manifest', () => {
    const c = resolveConfig({ width: 0.5, seed: 7, augment: { flipProbability: 0 } });
    expect(c.width).toBe(0.5);
    expect(c.seed).toBe(7);
    expect(c.numClasses).toBeUndefined();
    expect(c.augment.flipProbability).toBe(0);
    expect(c.augment.minAreaFraction).toBe(0.08);
  });

  it('rejects bad values, naming the source and the field', () => {
    expect(() => resolveConfig({ batchSize: 0 }, 'a.json')).toThrow('a.json: batchSize must be a positive integer, got 0');
    expect(() => resolveConfig({ momentum: 1 }, 'b.ts')).toThrow(/b\.ts: momentum must be in \[0, 1\)/);
    expect(() => resolveConfig({ lrSchedule: { kind: 'cosine' } as never })).toThrow(/lrSchedule.kind must be/);
    expect(() => resolveConfig({ polyak: { kind: 'ema', decay: 1 } })).toThrow(/polyak.decay/);
  });

  it('loads .json and .ts configs, by export name', async () => {
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ epochs: 3, baseLr: 0.02 }));
    writeFileSync(join(dir, 'c.ts'), 'export const small = { epochs: 2 };\nexport const wide = { epochs: 4, width: 1.5 };\n');
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect((await loadTrainConfig(join(dir, 'c.json'))).baseLr).toBe(0.02);
    const wide = await loadTrainConfig(`${join(dir, 'c.ts')}#wide`);
    expect([wide.epochs, wide.width]).toEqual([4, 1.5]);
    await expect(loadTrainConfig(join(dir, 'c.ts'))).rejects.toThrow(/2 object exports \(small, wide\)/);
    await expect(loadTrainConfig(`${join(dir, 'c.ts')}#narrow`)).rejects.toThrow(/no export named 'narrow'/);
    await expect(loadTrainConfig(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: invalid JSON/);
    await expect(loadTrainConfig(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: config file not found/);
  });
});
