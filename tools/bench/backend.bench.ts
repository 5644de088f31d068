/**
 * npm run bench:backend — GoogLeNet (Table 1, aux heads on) forward and train-step throughput and
 * peak memory on every backend present, then where a wasm train step spends its time.
 *
 *   tsx tools/bench/backend.bench.ts [--backends wasm,cpu] [--steps 3] [--configs 32x64,8x224]
 *                                    [--profile 32x64|none] [--single-thread-too yes|no] [--grad-check yes|no]
 *                                    [--json out.json]
 *
 * cpu is benchmarked only when named in --backends (it needs minutes per 224 px train step).
 * When wasm runs multithreaded, the same wasm rows are also measured with one thread, in a child
 * process (emscripten starts once per process), so the table shows what threads buy.
 * --grad-check compares every weight gradient of a narrow GoogLeNet (width 0.125, 64 px, aux
 * heads, dropout off) on wasm against cpu (libs/backend's own tests use a small Inception-style
 * net, because that library may not import @googlenet/model).
 * Timings are wall-clock on a shared machine: noisy; compare only runs made side by side.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKEND_ORDER, describeBackend, selectBackend, startKernelTimer, type BackendName } from '@googlenet/backend';
import { buildGoogLeNet } from '@googlenet/model';
import { Rng } from '@googlenet/util';
import { googlenetGradientCheck } from '../src/googlenet-grad-check.js';

interface BenchConfig {
  batch: number;
  sizePx: number;
}

interface BenchRow {
  backend: string;
  config: string;
  forwardImgPerS: number;
  trainImgPerS: number;
  trainStepMs: number;
  peakTensorMB: number;
  wasmHeapMB: number | null;
  loss: number;
}

const args = parseArgs(process.argv.slice(2));
const steps = Number(args['steps'] ?? 3);
const configs = (args['configs'] ?? '32x64,8x224').split(',').map(parseConfig);
const backends = (args['backends']?.split(',') ?? BACKEND_ORDER.filter((b) => b !== 'cpu')) as BackendName[];
const profileConfig = args['profile'] === 'none' ? null : parseConfig(args['profile'] ?? '32x64');

const rows: BenchRow[] = [];
let wasmMultithreaded = false;
for (const name of backends) {
  let label: string = name;
  try {
    // wasm: all cores unless GOOGLENET_WASM_MT=0 (the single-thread child), whatever the load.
    const threads = name === 'wasm' && process.env['GOOGLENET_WASM_MT'] !== '0' ? { multithread: true, threads: availableParallelism() } : {};
    const info = await selectBackend({ prefer: name, log: () => undefined, ...threads });
    console.log(describeBackend(info));
    if (name === 'wasm') {
      wasmMultithreaded = info.multithreaded;
      label = `wasm, ${info.threads} thread${info.threads === 1 ? '' : 's'}`;
    }
  } catch (error) {
    // The error lists every backend; keep this one's own reason.
    const reason = (error as Error).message.split(`${name}: `).pop() ?? '';
    console.log(`${name}: not present (${reason})`);
    continue;
  }
  for (const config of configs) rows.push(await benchOne(label, config));
}
if (wasmMultithreaded && args['single-thread-too'] !== 'no') rows.push(...singleThreadWasmRows());
printTable(rows);
if (profileConfig && rows.some((r) => r.backend.startsWith('wasm'))) {
  await selectBackend({ prefer: 'wasm', log: () => undefined });
  printBreakdown(profileConfig);
}
if (args['grad-check'] !== 'no' && rows.some((r) => r.backend.startsWith('wasm'))) await gradientCheck();
if (args['json']) writeFileSync(args['json'], JSON.stringify({ rows }, null, 2));

/** The wasm rows again with GOOGLENET_WASM_MT=0, from a child process. */
function singleThreadWasmRows(): BenchRow[] {
  const json = join(mkdtempSync(join(tmpdir(), 'bench-backend-')), 'single.json');
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const script = fileURLToPath(import.meta.url);
  const childArgs = ['--backends', 'wasm', '--configs', configs.map((c) => `${c.batch}x${c.sizePx}`).join(','), '--steps', String(steps)];
  execFileSync(process.execPath, [tsx, script, ...childArgs, '--profile', 'none', '--json', json], {
    env: { ...process.env, GOOGLENET_WASM_MT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (JSON.parse(readFileSync(json, 'utf8')) as { rows: BenchRow[] }).rows;
}

async function benchOne(backend: string, config: BenchConfig): Promise<BenchRow> {
  const model = buildGoogLeNet({ numClasses: 1000, inputSize: config.sizePx, width: 1, auxHeads: true, seed: 1 });
  const step = makeTrainStep(model);
  const { x, labels } = makeBatch(config);
  const forward = () => tf.tidy(() => (model.predict(x) as tf.Tensor[])[0]!.dataSync());
  forward(); // warm-up: kernel compilation, weight packing
  const forwardMs = timeMs(forward, steps);
  step(x, labels);
  const trainStepMs = timeMs(() => step(x, labels), steps);
  let loss = NaN;
  const { peakBytes } = await tf.profile(() => {
    loss = step(x, labels);
  });
  tf.dispose([x, labels]);
  model.dispose();
  const row: BenchRow = {
    backend,
    config: `batch ${config.batch} @${config.sizePx}`,
    forwardImgPerS: (config.batch * 1000) / forwardMs,
    trainImgPerS: (config.batch * 1000) / trainStepMs,
    trainStepMs,
    peakTensorMB: peakBytes / 2 ** 20,
    wasmHeapMB: wasmHeapBytes() / 2 ** 20 || null,
    loss,
  };
  return row;
}

/** One SGD-with-momentum step of the paper's loss (main + 0.3 × each aux), as the trainer does. */
function makeTrainStep(model: tf.LayersModel): (x: tf.Tensor4D, labels: tf.Tensor2D) => number {
  const optimizer = tf.train.momentum(0.01, 0.9);
  return (x, labels) => {
    const cost = optimizer.minimize(() => {
      const [main, aux1, aux2] = model.apply(x, { training: true }) as tf.Tensor[];
      const ce = (logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits);
      return tf.add(ce(main!), tf.mul(0.3, tf.add(ce(aux1!), ce(aux2!)))) as tf.Scalar;
    }, true);
    const value = cost!.dataSync()[0]!;
    cost!.dispose();
    return value;
  };
}

function makeBatch({ batch, sizePx }: BenchConfig): { x: tf.Tensor4D; labels: tf.Tensor2D } {
  const rng = new Rng(7);
  const pixels = new Float32Array(batch * sizePx * sizePx * 3).map(() => rng.uniform(-120, 120));
  const classes = Array.from({ length: batch }, () => rng.int(1000));
  return {
    x: tf.tensor4d(pixels, [batch, sizePx, sizePx, 3]),
    labels: tf.tidy(() => tf.oneHot(tf.tensor1d(classes, 'int32'), 1000).toFloat() as tf.Tensor2D),
  };
}

function timeMs(fn: () => unknown, repeats: number): number {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) fn();
  return (performance.now() - start) / repeats;
}

function wasmHeapBytes(): number {
  if (tf.getBackend() !== 'wasm') return 0;
  const backend = tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } };
  return backend.wasm.HEAPU8.buffer.byteLength;
}

function printTable(table: BenchRow[]): void {
  console.log('\n| backend | work | forward img/s | train img/s | train step ms | peak tensors MB | wasm heap MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of table) {
    console.log(
      `| ${r.backend} | ${r.config} | ${r.forwardImgPerS.toFixed(2)} | ${r.trainImgPerS.toFixed(2)} | ` +
        `${r.trainStepMs.toFixed(0)} | ${r.peakTensorMB.toFixed(0)} | ${r.wasmHeapMB?.toFixed(0) ?? '–'} |`,
    );
  }
}

function printBreakdown(config: BenchConfig): void {
  const model = buildGoogLeNet({ numClasses: 1000, inputSize: config.sizePx, width: 1, auxHeads: true, seed: 1 });
  const step = makeTrainStep(model);
  const { x, labels } = makeBatch(config);
  step(x, labels);
  const timer = startKernelTimer('wasm');
  const start = performance.now();
  step(x, labels);
  const totalMs = performance.now() - start;
  const kernels = timer.stop();
  tf.dispose([x, labels]);
  model.dispose();
  const kernelMs = kernels.reduce((s, k) => s + k.ms, 0);
  console.log(`\nwhere the time goes: one wasm train step, batch ${config.batch} @${config.sizePx}, ${totalMs.toFixed(0)} ms`);
  console.log('| kernel | calls | ms | share |');
  console.log('|---|---|---|---|');
  for (const k of kernels.slice(0, 20)) {
    console.log(`| ${k.kernel} | ${k.calls} | ${k.ms.toFixed(1)} | ${((100 * k.ms) / totalMs).toFixed(1)}% |`);
  }
  const rest = totalMs - kernelMs;
  console.log(`| (outside kernels: engine, tape, JS) | | ${rest.toFixed(1)} | ${((100 * rest) / totalMs).toFixed(1)}% |`);
}

/** Whole-GoogLeNet gradients on wasm vs cpu (tools/src/googlenet-grad-check.ts, also a test). */
async function gradientCheck(): Promise<void> {
  const r = await googlenetGradientCheck();
  const worst = r.worstRelativeError;
  console.log(
    `\ngradient check, GoogLeNet width 0.125 @64 with aux heads, wasm vs cpu: ${r.weightTensors} weight tensors, ` +
      `worst relative error ${worst.toExponential(2)} (${worst < 1e-4 ? 'OK' : 'FAIL'}, limit 1e-4); ` +
      `loss ${r.wasmLoss.toFixed(6)} vs ${r.cpuLoss.toFixed(6)}`,
  );
}

function parseConfig(text: string): BenchConfig {
  const m = /^(\d+)x(\d+)$/.exec(text);
  if (!m) throw new Error(`bench: config '${text}' is not BATCHxSIZE, e.g. 32x64`);
  return { batch: Number(m[1]), sizePx: Number(m[2]) };
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (!key.startsWith('--')) throw new Error(`bench: unexpected argument '${key}'`);
    out[key.slice(2)] = argv[++i] ?? '';
  }
  return out;
}
