/**
 * The smoke configuration end to end, in a temporary data and runs directory: every stage whose
 * `googlenet` command exists must run, the report must hold the numbers of the stages' JSON
 * results; a second pass reuses every stage's data; a stage whose data vanished recomputes them.
 * (The Nx wiring itself — cache hits, what reruns after an edit — is shown by
 * `scripts/check-incremental.ts`, run on demand.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIGS, type Split } from '../configs/index.js';
import { availableCommands } from './cli.js';
import { readManifest, type StageManifest } from './manifest.js';
import { runStage } from './runner.js';
import { STAGE_ORDER, STAGES, type StageName } from './stages.js';
import { STAGE_IMPLS } from './stages/index.js';
import { WORKSPACE_ROOT } from './paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'pipeline-smoke-'));
const env = { ...process.env, GOOGLENET_DATA_DIR: join(tmp, 'data'), GOOGLENET_RUNS_DIR: join(tmp, 'runs') };
const runDir = join(tmp, 'runs', 'smoke');
const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

async function runAll(): Promise<Record<StageName, StageManifest>> {
  const out = {} as Record<StageName, StageManifest>;
  for (const s of STAGE_ORDER) out[s] = await runStage(s, 'smoke', STAGE_IMPLS[s], env);
  return out;
}

describe('smoke pipeline', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let first: Record<StageName, StageManifest>;

  it('runs every stage whose command exists and writes a report holding the results', async () => {
    first = await runAll();
    const available = await availableCommands();
    for (const s of STAGE_ORDER) {
      const m = first[s];
      const upstreamDone = STAGES[s].upstream.every((u) => first[u].status !== 'unavailable') || s === 'report';
      // A stage may only be 'unavailable' because its command or an upstream stage does not exist yet.
      if (STAGES[s].commands.every((c) => available.has(c)) && upstreamDone) expect([s, m.status]).toEqual([s, 'done']);
      else expect([s, m.status]).toEqual([s, 'unavailable']);
      expect(readManifest(join(runDir, s, 'manifest.json'))).toEqual(m);
    }
    const md = readFileSync(join(runDir, 'report', 'report.md'), 'utf8');
    expect(existsSync(join(runDir, 'report', 'index.html'))).toBe(true);
    for (const s of STAGE_ORDER) expect(md).toMatch(new RegExp(`\\| ${s} \\| ${first[s].status} \\|`));
    if (first.evaluate.status === 'done') {
      const results = JSON.parse(readFileSync(join(runDir, 'evaluate', 'results.json'), 'utf8')) as { top1Error: number; top5Error: number }[];
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) expect(md).toContain(`| ${pct(r.top1Error)} | ${pct(r.top5Error)} |`);
    }
    if (first.detect.status === 'done') {
      const d = JSON.parse(readFileSync(join(runDir, 'detect', 'result.json'), 'utf8')) as { mAP: number };
      expect(md).toContain(pct(d.mAP));
    }
    if (existsSync(join(runDir, 'report', 'summary.json'))) {
      const summary = JSON.parse(readFileSync(join(runDir, 'report', 'summary.json'), 'utf8')) as { totals: { params: number } };
      expect(md).toContain(summary.totals.params.toLocaleString('en-US'));
    }
  });

  it('reuses complete data on a second pass, with the same content keys', async () => {
    const second = await runAll();
    for (const s of STAGE_ORDER) {
      // (A key changes if a library's source changes between the passes: never in CI.)
      expect([s, second[s].key]).toEqual([s, first[s].key]);
      if (first[s].status === 'done') expect([s, second[s].reusedData]).toEqual([s, true]);
    }
  });

  it('notices data missing behind a manifest: the Nx runtime input changes and the stage recomputes', async () => {
    const synth = first.synth;
    if (synth.status !== 'done' || !synth.dataDir) return;
    const presence = () => execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'pipelines/bin/data-present.mjs'), 'synth'], { env, encoding: 'utf8' }).trim();
    expect(presence()).toBe('ok');
    rmSync(join(env.GOOGLENET_DATA_DIR, synth.dataDir, 'root', 'val'), { recursive: true });
    expect(presence()).toBe('missing data: smoke');
    // Downstream refuses to read the hole rather than failing later with a confusing error.
    await expect(runStage('ingest', 'smoke', STAGE_IMPLS.ingest, env)).rejects.toThrow(/upstream stage 'synth' of 'smoke': its data are gone/);
    const again = await runStage('synth', 'smoke', STAGE_IMPLS.synth, env);
    expect(again.reusedData).toBe(false);
    expect(again.key).toBe(synth.key);
    expect(presence()).toBe('ok');
  });

  it('runs the real-data path (ilsvrc source) on a generated tree in the official layout', async () => {
    if (first.synth.status !== 'done' || !first.synth.dataDir) return;
    const root = join(env.GOOGLENET_DATA_DIR, first.synth.dataDir, 'root');
    const ilsvrcEnv = { ...env, ILSVRC_ROOT: root };
    // The smoke settings with the ilsvrc configuration's data source: what `-c ilsvrc` runs, small.
    const config = { ...CONFIGS.smoke, name: 'ilsvrc' as const, data: { ...CONFIGS.smoke.data, source: CONFIGS.ilsvrc.data.source, splits: ['train', 'val'] as Split[] } };
    await expect(runStage('synth', config, STAGE_IMPLS.synth, env)).rejects.toThrow(/set ILSVRC_ROOT/);
    expect((await runStage('synth', config, STAGE_IMPLS.synth, ilsvrcEnv)).status).toBe('skipped');
    const ingest = await runStage('ingest', config, STAGE_IMPLS.ingest, ilsvrcEnv);
    expect(ingest.status).toBe('done');
    const trainManifest = JSON.parse(readFileSync(join(tmp, 'runs', 'ilsvrc', 'ingest', 'train', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const smokeTrainManifest = JSON.parse(readFileSync(join(runDir, 'ingest', 'train', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    // Same tree, same ingest settings: the same shards as the synth path made.
    expect(trainManifest.shards).toEqual(smokeTrainManifest.shards);
    const fingerprint = execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'pipelines/bin/ilsvrc-fingerprint.mjs')], { env: ilsvrcEnv, encoding: 'utf8' });
    expect(fingerprint).toMatch(new RegExp(`^${root} \\d+ files [0-9a-f]{64}\n$`));
  });
});
