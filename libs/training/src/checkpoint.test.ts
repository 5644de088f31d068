import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, readLatestCheckpoint, writeCheckpoint, type CheckpointState } from './checkpoint.js';

const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const state = (step: number): CheckpointState => ({
  step,
  epoch: 1,
  indexInEpoch: 8,
  polyakCount: step,
  trainerRng: [1, 2, 3, 4294967295],
  configHash: 'abc',
  extra: { wallSeconds: 1.5 },
});
const groups = {
  weights: [{ name: 'conv1/kernel', shape: [1, 3], values: Float32Array.from([1.5, -2, 3.25]) }],
  averages: [{ name: 'conv1/kernel', shape: [1, 3], values: Float32Array.from([0.1, 0.2, 0.3]) }],
  momentum: [{ name: 'conv1/kernel', shape: [1, 3], values: Float32Array.from([NaN, Infinity, -0]) }],
};

describe('checkpoint format', () => {
  it('round-trips state and tensors bit-exactly', () => {
    const back = decodeCheckpoint(encodeCheckpoint(state(3), groups), 'mem');
    expect(back.state).toEqual(state(3));
    expect(back.groups.weights[0]!.values).toEqual(groups.weights[0]!.values);
    expect(Array.from(back.groups.averages[0]!.values)).toEqual(Array.from(groups.averages[0]!.values));
    expect(Object.is(back.groups.momentum[0]!.values[2], -0)).toBe(true);
    expect(back.groups.momentum[0]!.values[1]).toBe(Infinity);
  });

  it('rejects a foreign or truncated file naming it', () => {
    expect(() => decodeCheckpoint(new Uint8Array(20), 'x.ckpt')).toThrow(/x\.ckpt: not a training checkpoint/);
    const bytes = encodeCheckpoint(state(1), groups);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4), 'y.ckpt')).toThrow(/y\.ckpt: truncated/);
  });

  it('latest.json points at the newest; only the last two are kept', async () => {
    expect(readLatestCheckpoint(dir)).toBeNull();
    for (const s of [2, 4, 6]) await writeCheckpoint(dir, state(s), groups);
    expect(readLatestCheckpoint(dir)!.state.step).toBe(6);
    expect(readdirSync(dir).filter((f) => f.endsWith('.ckpt')).sort()).toEqual(['step-000000004.ckpt', 'step-000000006.ckpt']);
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
  });
});
