import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest, ShardDataset } from './index.js';
import { flatImage, put, tempDir } from './test-fixtures.js';

const CHILD = fileURLToPath(new URL('./kill-child.fixture.ts', import.meta.url));

/** Runs the child ingest and SIGKILLs it once `doneShards` shards are recorded; resolves to its exit signal. */
async function killAfter(root: string, out: string, doneShards: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const doneFile = join(out, '.done', `shard-${String(doneShards - 1).padStart(5, '0')}.json`);
  const deadline = Date.now() + 60_000;
  while (!existsSync(doneFile) && child.exitCode === null && Date.now() < deadline) await sleep(10);
  if (child.exitCode !== null) throw new Error(`child finished before it could be killed (exit ${child.exitCode}): ${stderr}`);
  child.kill('SIGKILL');
  return exited;
}

describe('ingest killed mid-way', () => {
  it('finishes on rerun with every image exactly once, byte-identical to an uninterrupted run', async () => {
    const root = tempDir('kill');
    const keys: string[] = [];
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < 8; i++) {
        const key = `train/n0${c + 1}000000/n0${c + 1}000000_${i}.JPEG`;
        put(root, key, await flatImage(16 + i, 12 + c, [i * 30, c * 100, 50]));
        keys.push(key);
      }
    }
    put(root, 'train/n01000000/n01000000_bad.JPEG', 'not an image');
    const out = tempDir('kill-out');
    // Killed twice, at different points, then finished in-process.
    expect(await killAfter(root, out, 2)).toBe('SIGKILL');
    expect(await killAfter(root, out, 5)).toBe('SIGKILL');
    const partial = readdirSync(out).filter((f) => f.endsWith('.arrow')).length;
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(9);
    const resumed: number[] = [];
    const m = await ingest({ root, split: 'train', out, rowsPerShard: 2, rowsPerBatch: 1, workers: 1, seed: 11, progress: false, onShardDone: (s) => void resumed.push(s) });
    expect(resumed.length).toBeLessThanOrEqual(9 - 5);
    expect(m.numRows).toBe(16);
    expect(m.quarantined.map((q) => q.path)).toEqual(['train/n01000000/n01000000_bad.JPEG']);
    const ds = await ShardDataset.open(out);
    const seen: string[] = [];
    for await (const r of ds.rows()) seen.push(r.key);
    await ds.close();
    expect(seen.sort()).toEqual(keys.sort());
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const clean = await ingest({ root, split: 'train', out: tempDir('kill-clean'), rowsPerShard: 2, rowsPerBatch: 1, workers: 0, seed: 11, progress: false });
    expect(m.shards).toEqual(clean.shards);
  });
});
