import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from '@googlenet/util';
import { loadModel } from '@googlenet/model';
import type { TrainConfig } from './config.js';
import { readLatestCheckpoint } from './checkpoint.js';
import { makeTinyShards, type TinyShards } from './fixtures.js';
import { explainStepFailure, train, type TrainResult } from './train.js';
import { PAPER_RECIPE } from './config.js';

// Narrow GoogLeNet (width 0.25, 64 px) on 8 synthetic images of 4 classes. WASM: deterministic,
// and an order of magnitude faster than the cpu backend at training convolutions.
const FIXED_INPUT: TrainConfig['augment'] = {
  minAreaFraction: 1,
  maxAreaFraction: 1,
  minAspect: 3 / 4,
  maxAspect: 4 / 3,
  interpolations: ['bilinear'],
  flipProbability: 0,
  brightness: 0,
  contrast: 0,
  saturation: 0,
  pcaLightingStd: 0,
};
const TINY: Partial<TrainConfig> = {
  inputSizePx: 64,
  width: 0.25,
  batchSize: 8,
  baseLr: 0.003, // a plain 22-layer net without batch norm: higher rates spike on this set
  lrSchedule: { kind: 'constant' },
  weightDecay: 0,
  dropoutMain: 0,
  dropoutAux: 0,
  checkpointEverySteps: 1000,
  valEveryEpochs: 0,
  polyak: { kind: 'ema', decay: 0.9 },
  seed: 3,
};

interface StepLine {
  event: string;
  step: number;
  loss: number;
  mainLoss: number;
}
const stepsOf = (dir: string) => readJsonl<StepLine>(join(dir, 'log.jsonl')).filter((e) => e.event === 'step');

let shards: TinyShards;
beforeAll(async () => {
  shards = await makeTinyShards({ numClasses: 4, trainPerClass: 2, valPerClass: 1 });
});
afterAll(() => rmSync(shards.root, { recursive: true, force: true }));

describe('train() end to end', () => {
  let result: TrainResult;
  const out = () => join(shards.root, 'overfit');

  it('overfits 8 images: the main loss falls by a factor > 10', async () => {
    const before = tf.memory().numTensors;
    result = await train({
      // The same input every epoch (whole image, fixed interpolation, no flip): pure memorisation.
      config: { ...TINY, epochs: 40, augment: FIXED_INPUT },
      shardsDir: shards.train,
      valShardsDir: shards.val,
      outDir: out(),
      backend: 'wasm',
      progress: false,
      log: () => undefined,
    });
    const steps = stepsOf(out());
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const first = steps[0]!.mainLoss;
    const last = steps.slice(-3).reduce((s, e) => s + e.mainLoss, 0) / 3;
    expect(first).toBeGreaterThan(1.2); // ≈ ln 4 at the start
    expect(last).toBeLessThan(first / 10);
    // loss = main + 0.3 × (aux1 + aux2), as logged
    for (const s of steps) expect(s.loss).toBeCloseTo(s.mainLoss + 0.3 * (s as unknown as { auxLoss: number }).auxLoss, 4);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('writes result.json, the Polyak-averaged model in final/ and the raw one in final-raw/', async () => {
    const json = JSON.parse(readFileSync(join(out(), 'result.json'), 'utf8')) as TrainResult;
    expect(json.steps).toBe(40);
    expect(json.epochs).toBe(40);
    expect(json.backend).toBe('wasm');
    expect(json.val!.images).toBe(4);
    expect(json.finalLoss).toBe(result.finalLoss);
    expect(json.peakTensorBytes).toBeGreaterThan(0);
    expect(json.peakRssBytes).toBeGreaterThan(json.peakTensorBytes);
    const ckpt = readLatestCheckpoint(join(out(), 'checkpoints'))!;
    expect(ckpt.state.step).toBe(40);
    const final = await loadModel(join(out(), 'final'));
    const raw = await loadModel(join(out(), 'final-raw'));
    const idx = 0; // conv1's kernel, the first trainable weight (loaded names may carry a suffix)
    expect(Array.from(final.trainableWeights[idx]!.read().dataSync())).toEqual(Array.from(ckpt.groups.averages[0]!.values));
    expect(Array.from(raw.trainableWeights[idx]!.read().dataSync())).toEqual(Array.from(ckpt.groups.weights[0]!.values));
    expect(ckpt.groups.averages[0]!.values).not.toEqual(ckpt.groups.weights[0]!.values);
    final.dispose();
    raw.dispose();
  });

  it('refuses to overwrite a run without --resume, naming the directory', async () => {
    const before = tf.memory().numTensors;
    await expect(
      train({ config: { ...TINY, epochs: 1 }, shardsDir: shards.train, outDir: out(), backend: 'wasm', progress: false, log: () => undefined }),
    ).rejects.toThrow(/overfit: holds checkpoints of an earlier run/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('divergence', () => {
  it('stops on a non-finite loss, naming the step and the last good checkpoint', async () => {
    const outDir = join(shards.root, 'diverge');
    const before = tf.memory().numTensors;
    const run = train({
      config: { ...TINY, width: 0.125, epochs: 10, baseLr: 1e9, checkpointEverySteps: 1, augment: FIXED_INPUT },
      shardsDir: shards.train,
      outDir,
      backend: 'wasm',
      progress: false,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(/loss became (NaN|Infinity) at optimizer step \d+: training diverged.*Last good checkpoint: .*step-\d+\.ckpt/);
    const diverged = readJsonl<{ event: string; step: number }>(join(outDir, 'log.jsonl')).find((e) => e.event === 'diverged')!;
    const latest = readLatestCheckpoint(join(outDir, 'checkpoints'))!;
    expect(latest.state.step).toBe(diverged.step);
    expect(latest.groups.weights.every((t) => t.values.every(Number.isFinite))).toBe(true);
    expect(existsSync(join(outDir, 'result.json'))).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('resume after SIGKILL', () => {
  const child = fileURLToPath(new URL('./train-child.ts', import.meta.url));
  // 8 images, micro-batch 2 × 2 accumulated = 4 per step: 2 steps/epoch, 3 epochs; checkpoints at
  // every epoch end (steps 2, 4, 6). Dropout and augmentation on, so their RNG state matters.
  const config: Partial<TrainConfig> = {
    ...TINY,
    width: 0.125,
    batchSize: 2,
    accumulateSteps: 2,
    epochs: 3,
    dropoutMain: 0.4,
    dropoutAux: 0.7,
    weightDecay: 2e-4,
    lrSchedule: { kind: 'step', gamma: 0.5, everyIters: 2 },
    polyak: { kind: 'mean', startStep: 0 },
  };
  const run = (outDir: string, resume: boolean, killAfterStep?: number) =>
    new Promise<number | string>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify({ config, shardsDir: shards.train, outDir, resume, backend: 'wasm' })], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      let timer: NodeJS.Timeout | undefined;
      if (killAfterStep !== undefined) {
        timer = setInterval(() => {
          const log = join(outDir, 'log.jsonl');
          if (existsSync(log) && stepsOf(outDir).some((s) => s.step === killAfterStep)) {
            clearInterval(timer);
            p.kill('SIGKILL');
          }
        }, 20);
      }
      p.on('error', reject);
      p.on('exit', (code, signal) => {
        clearInterval(timer);
        if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
        else resolve(signal ?? code ?? -1);
      });
    });

  it('continues a killed run and reproduces the uninterrupted losses exactly', async () => {
    const straight = join(shards.root, 'straight');
    const killed = join(shards.root, 'killed');
    expect(await run(straight, false)).toBe(0);
    // Killed after logging step 3, i.e. between the checkpoints of steps 2 and 4.
    expect(await run(killed, false, 3)).toBe('SIGKILL');
    const latest = readLatestCheckpoint(join(killed, 'checkpoints'))!;
    const loggedBeforeResume = Math.max(...stepsOf(killed).map((s) => s.step));
    // Steps past the last checkpoint were lost: the kill landed between checkpoints.
    expect(loggedBeforeResume).toBeGreaterThan(latest.state.step);
    expect(latest.state.step).toBeLessThan(6);
    expect(existsSync(join(killed, 'result.json'))).toBe(false);
    expect(await run(killed, true)).toBe(0);
    const a = stepsOf(straight);
    const b = stepsOf(killed);
    expect(a.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.map((s) => s.loss)).toEqual(a.map((s) => s.loss));
    // and the exported Polyak weights are bit-identical
    const fa = readLatestCheckpoint(join(straight, 'checkpoints'))!.groups.averages;
    const fb = readLatestCheckpoint(join(killed, 'checkpoints'))!.groups.averages;
    fa.forEach((t, i) => expect(fb[i]!.values).toEqual(t.values));
  }, 120_000);
});

describe('a WASM fault in a step', () => {
  it('is explained as the 4 GB heap, with a smaller micro-batch that keeps the effective batch', () => {
    const fault = new Error('memory access out of bounds');
    fault.name = 'RuntimeError'; // what WebAssembly.RuntimeError carries
    const explained = explainStepFailure(fault, 'wasm', PAPER_RECIPE) as Error;
    expect(explained.message).toMatch(/heap, at most 4 GB, cannot hold a micro-batch of 32 at 224 px/);
    expect(explained.message).toMatch(/batchSize 8, accumulateSteps 4/);
    expect(explained.cause).toBe(fault);
    const full = new Error('backend: the WASM heap is full');
    full.name = 'WasmHeapExhaustedError';
    expect((explainStepFailure(full, 'wasm', PAPER_RECIPE) as Error).message).toMatch(/batchSize 8, accumulateSteps 4/);
    // other errors, and other backends, pass through untouched
    const other = new Error('boom');
    expect(explainStepFailure(other, 'wasm', PAPER_RECIPE)).toBe(other);
    expect(explainStepFailure(fault, 'cpu', PAPER_RECIPE)).toBe(fault);
  });
});
