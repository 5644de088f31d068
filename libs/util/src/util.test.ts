import { mkdtempSync, readFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgressLine, JsonlLog, readJsonl, Rng, sha256, stableStringify, writeFileAtomic } from './index.js';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
  });

  it('resumes exactly from a saved state', () => {
    const a = new Rng(7);
    for (let i = 0; i < 10; i++) a.next();
    const saved = a.state();
    const expected = Array.from({ length: 5 }, () => a.next());
    const b = new Rng(saved);
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(expected);
  });

  it('draws uniform values in range with a plausible mean', () => {
    const r = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(Math.abs(sum / 10000 - 0.5)).toBeLessThan(0.02);
  });

  it('shuffles into a permutation', () => {
    const xs = new Rng(3).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...xs].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(xs).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('files', () => {
  it('writes atomically and hashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'util-'));
    await writeFileAtomic(join(dir, 'a', 'b.txt'), 'abc');
    expect(readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('abc');
    // sha256("abc"), a published test vector
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('stringifies with sorted keys', () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('reads JSONL, tolerating a torn last line only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'util-'));
    const log = new JsonlLog(join(dir, 'log.jsonl'));
    log.write('step', { loss: 1.5 });
    log.write('step', { loss: 1.25 });
    appendFileSync(log.path, '{"event":"st');
    expect(readJsonl<{ loss: number }>(log.path).map((e) => e.loss)).toEqual([1.5, 1.25]);
    appendFileSync(log.path, '\n{"event":"ok"}\n');
    expect(() => readJsonl(log.path)).toThrow(/log\.jsonl:3: malformed/);
  });
});

describe('progress', () => {
  it('formats count, rate and ETA', () => {
    expect(formatProgressLine('ingest', 50, 100, 12.5, 'img')).toBe(
      'ingest [===========>            ] 50/100 12.5 img/s ETA 0:04',
    );
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
