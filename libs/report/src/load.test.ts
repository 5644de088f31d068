import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReportInputs } from './load.js';

const run = mkdtempSync(join(tmpdir(), 'report-load-'));
const put = (rel: string, value: unknown) => {
  mkdirSync(join(run, rel, '..'), { recursive: true });
  writeFileSync(join(run, rel), typeof value === 'string' ? value : JSON.stringify(value));
};

describe('loadReportInputs', () => {
  afterAll(() => rmSync(run, { recursive: true, force: true }));

  it('reads manifests, training logs, evaluation and detection results of a run directory', () => {
    put('synth/manifest.json', { status: 'done', wallSeconds: 1.5, reusedData: true, facts: { computeSeconds: 7 } });
    put('train/manifest.json', { status: 'done', wallSeconds: 60, reusedData: false, facts: { computeSeconds: 60, members: [{ name: 'm1', widthMultiplier: 0.25 }] } });
    put('train/m1/log.jsonl', ['{"event":"start","stepsPerEpoch":1}', '{"event":"step","step":1,"loss":2,"lr":0.01}', '{"event":"val","step":1,"top1Error":0.5,"top5Error":0.1}', ''].join('\n'));
    put('evaluate/manifest.json', { status: 'done', wallSeconds: 3, facts: {} });
    put('evaluate/results.json', [{ models: 1, crops: 1, pooling: 'mean', cost: 1, top1Error: 0.5, top5Error: 0.1, images: 10, backend: 'wasm', inputSizePx: 64, wallSeconds: 1 }]);
    put('detect/manifest.json', { status: 'unavailable', reason: "googlenet has no 'detect' command yet" });
    put('out/experiment.json', { configName: 'demo', expects: 'far below chance', numClasses: 12, differences: ['Data: generated.'] });

    const inputs = loadReportInputs({ runDir: run, experimentPath: join(run, 'out/experiment.json'), summaryPath: join(run, 'out/summary.json'), now: new Date(0) });
    expect(inputs.configName).toBe('demo');
    expect(inputs.numClasses).toBe(12);
    expect(inputs.summary).toBeNull();
    expect(inputs.training).toEqual([{ name: 'm1', widthMultiplier: 0.25, epochs: [{ epoch: 1, loss: 2, lr: 0.01, top1Error: 0.5, top5Error: 0.1 }] }]);
    expect(inputs.evaluation.map((r) => r.top1Error)).toEqual([0.5]);
    expect(inputs.detection).toBeNull();
    expect(inputs.environment.backends).toEqual(['wasm']);
    expect(inputs.stages).toEqual([
      { stage: 'synth', status: 'done', reason: undefined, computeSeconds: 7, wallSeconds: 1.5, reusedData: true },
      { stage: 'ingest', status: 'not run' },
      { stage: 'train', status: 'done', reason: undefined, computeSeconds: 60, wallSeconds: 60, reusedData: false },
      { stage: 'evaluate', status: 'done', reason: undefined, computeSeconds: undefined, wallSeconds: 3, reusedData: undefined },
      { stage: 'detect', status: 'unavailable', reason: "googlenet has no 'detect' command yet", computeSeconds: undefined, wallSeconds: undefined, reusedData: undefined },
      { stage: 'report', status: 'done', reason: 'this report' },
    ]);
    expect(inputs.generatedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('names the file and field of a malformed result', () => {
    put('evaluate/results.json', [{ models: 1, crops: 1, cost: 1, top1Error: 'x', top5Error: 0.1, images: 10 }]);
    expect(() => loadReportInputs({ runDir: run })).toThrow(`${join(run, 'evaluate/results.json')}[0]: field 'top1Error' must be a finite number, got "x"`);
  });
});
