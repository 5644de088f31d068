import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CropScheme } from './geometry.js';
import { readEvaluationResults, type EvaluationResult } from './result.js';
import { formatTable3, PAPER_TABLE3 } from './table3.js';

function result(models: number, crops: CropScheme, top5Error: number, pooling: 'mean' | 'max' = 'mean'): EvaluationResult {
  return {
    models,
    weights: Array.from({ length: models }, (_, i) => `m${i}`),
    crops,
    pooling,
    cost: models * crops,
    top1Error: top5Error + 0.1,
    top5Error,
    images: 50,
    backend: 'cpu',
    inputSizePx: 64,
    perClassAccuracy: [],
    confusions: [],
    wallSeconds: 1,
    imagesPerSec: 50,
    cropsPerSec: 50 * crops,
  };
}

describe('Table 3', () => {
  it('holds the paper numbers, whose costs are models × crops and gains are differences to the base', () => {
    expect(PAPER_TABLE3.map((r) => [r.models, r.crops, r.cost, r.top5ErrorPct])).toEqual([
      [1, 1, 1, 10.07],
      [1, 10, 10, 9.15],
      [1, 144, 144, 7.89],
      [7, 1, 7, 8.09],
      [7, 10, 70, 7.62],
      [7, 144, 1008, 6.67],
    ]);
    for (const r of PAPER_TABLE3) expect(r.cost).toBe(r.models * r.crops);
    // The printed gains are 10.07 − error, except the last row: 10.07 − 6.67 = 3.40, printed 3.45.
    for (const r of PAPER_TABLE3.slice(1, 5)) expect(r.vsBasePct).toBeCloseTo(r.top5ErrorPct - 10.07, 10);
    expect(PAPER_TABLE3[5].vsBasePct).toBe(-3.45);
  });

  it('prints all six rows with ours beside the paper when an ensemble is given', () => {
    const results = [result(1, 1, 0.5), result(1, 10, 0.45), result(1, 144, 0.4), result(3, 1, 0.42), result(3, 10, 0.41), result(3, 144, 0.35)];
    const lines = formatTable3(results).split('\n');
    expect(lines[2]).toBe('| 1 | 1 | 1 | 10.07% | base | 1 | 1 | 50.00% | base | 60.00% |');
    expect(lines[3]).toBe('| 1 | 10 | 10 | 9.15% | −0.92% | 1 | 10 | 45.00% | −5.00% | 55.00% |');
    expect(lines[7]).toBe('| 7 | 144 | 1008 | 6.67% | −3.45% | 3 | 432 | 35.00% | −15.00% | 45.00% |');
    expect(lines.slice(2, 8).every((l) => !l.includes('–'))).toBe(true);
    expect(lines.at(-1)).toContain('Ours: 50 images, 64 px input, backend cpu');
  });

  it('leaves missing rows empty, prefers the largest ensemble and lists max pooling apart', () => {
    const text = formatTable3([result(1, 10, 0.3), result(2, 10, 0.25), result(4, 10, 0.2), result(1, 10, 0.6, 'max')]);
    const lines = text.split('\n');
    expect(lines[2]).toBe('| 1 | 1 | 1 | 10.07% | base | – | – | – | – | – |');
    expect(lines[3]).toBe('| 1 | 10 | 10 | 9.15% | −0.92% | 1 | 10 | 30.00% | – | 40.00% |');
    expect(lines[6]).toBe('| 7 | 10 | 70 | 7.62% | −2.45% | 4 | 40 | 20.00% | – | 30.00% |');
    expect(text).toContain('| 1 | 10 | 10 | 60.00% | 70.00% |');
  });

  it('reads results written as one object or an array, and names the file on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-results-'));
    try {
      writeFileSync(join(dir, 'one.json'), JSON.stringify(result(1, 1, 0.5)));
      writeFileSync(join(dir, 'many.json'), JSON.stringify([result(1, 1, 0.5), result(2, 1, 0.4)]));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify([result(1, 1, 0.5), { ...result(1, 1, 0.5), crops: 12 }]));
      expect(readEvaluationResults(join(dir, 'one.json'))).toHaveLength(1);
      expect(readEvaluationResults(join(dir, 'many.json')).map((r) => r.models)).toEqual([1, 2]);
      expect(() => readEvaluationResults(join(dir, 'bad.json'))).toThrow(/bad\.json\[1\]: field 'crops' must be 1, 10 or 144/);
      expect(() => readEvaluationResults(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
