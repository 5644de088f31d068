/**
 * Training input pipeline throughput on 500×375 JPEGs (the reference: torchvision + PIL
 * does the full augmentation at ~145 img/s on one core, decode alone ~477 img/s; target ≥ 2×, i.e.
 * ≥ 290 img/s per core). When a Python with torchvision is found (--python, default python3, then
 * /usr/bin/python3), tools/bench/torchvision_loader.py measures that reference on these same JPEGs
 * in the same run, and the table ends with the ratio. Rows:
 *   decode only          sharp, and libjpeg-turbo (the loader's decoder): JPEG → raw RGB
 *   augment, serial      on this thread, one image at a time: random crop, random interpolation
 *                        resize to 224, flip, brightness/contrast/saturation, PCA lighting, mean
 *                        subtraction (core.mjs: libjpeg-turbo + the WebAssembly kernel)
 *   augment, pipelined   the BatchLoader as training uses it: worker threads, prefetch queue
 *   training step        images/s the training step consumes (GoogLeNet, --step-width, 224 px)
 * "per core" = images per CPU-second of this process (all threads), robust to other load.
 * Usage: npm run bench:loader -- [--images N] [--repeats N] [--batch N] [--workers N] [--write-jpegs DIR]
 *        [--python PATH] [--no-reference] [--step-width X] [--step-px N] [--backend B] [--no-step]
 */
import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { isBackendName, selectBackend } from '@googlenet/backend';
import { buildGoogLeNet, PIXEL_MEAN_RGB } from '@googlenet/model';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BatchLoader,
  DEFAULT_AUGMENT,
  PAPER_RECIPE,
  arraySource,
  augmentImage,
  createTrainer,
  decodeJpegRegion,
  defaultLoaderWorkers,
  drawAugmentParams,
  imageRng,
  jpegDecoderName,
} from '@googlenet/training';
import { Rng } from '@googlenet/util';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '128' },
    repeats: { type: 'string', default: '3' },
    batch: { type: 'string', default: '32' },
    'step-width': { type: 'string', default: '1' },
    'step-px': { type: 'string', default: '224' },
    'step-batch': { type: 'string', default: '8' },
    backend: { type: 'string' },
    workers: { type: 'string' },
    'write-jpegs': { type: 'string' },
    python: { type: 'string' },
    'no-reference': { type: 'boolean' },
    'no-step': { type: 'boolean' },
  },
});
const numImages = Number(values.images);
const repeats = Number(values.repeats);
const inputSizePx = 224;

/**
 * Photo-like 500×375 JPEGs at quality 90: fractal value noise (octaves from 4 to 128 px, so there
 * is texture at every scale, as in photographs), a few sharp-edged shapes and sensor-like noise.
 * They come out at about the size of ILSVRC's JPEGs (≈ 110 kB); JPEG decoding time grows with
 * the entropy, so smooth synthetic images would flatter every decoder.
 */
async function makeJpegs(n: number): Promise<Uint8Array[]> {
  const rng = new Rng(42);
  const [W, H] = [500, 375];
  const octave = (periodPx: number, amplitude: number, field: Float32Array) => {
    const gw = Math.ceil(W / periodPx) + 2;
    const gh = Math.ceil(H / periodPx) + 2;
    const grid = Float32Array.from({ length: gw * gh }, () => rng.uniform(-amplitude, amplitude));
    for (let y = 0; y < H; y++) {
      const gy = y / periodPx;
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      for (let x = 0; x < W; x++) {
        const gx = x / periodPx;
        const x0 = Math.floor(gx);
        const fx = gx - x0;
        const i = y0 * gw + x0;
        const top = grid[i]! * (1 - fx) + grid[i + 1]! * fx;
        const bottom = grid[i + gw]! * (1 - fx) + grid[i + gw + 1]! * fx;
        field[y * W + x] += top * (1 - fy) + bottom * fy;
      }
    }
  };
  const images: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const channels = [0, 1, 2].map(() => new Float32Array(W * H));
    const luma = new Float32Array(W * H);
    for (const [period, amp] of [
      [128, 60],
      [64, 40],
      [32, 28],
      [16, 20],
      [8, 14],
      [4, 16],
      [2, 16],
    ] as const)
      octave(period, amp, luma);
    for (const ch of channels) {
      octave(128, 40, ch);
      octave(16, 8, ch);
      octave(4, 8, ch);
    }
    const base = [rng.uniform(60, 190), rng.uniform(60, 190), rng.uniform(60, 190)];
    const shapes = Array.from({ length: 4 }, () => ({
      cx: rng.uniform(0, W),
      cy: rng.uniform(0, H),
      r2: rng.uniform(20, 110) ** 2,
      shift: [rng.uniform(-70, 70), rng.uniform(-70, 70), rng.uniform(-70, 70)],
    }));
    const raw = Buffer.alloc(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        for (let c = 0; c < 3; c++) {
          let v = base[c]! + luma[p]! + channels[c]![p]! + (rng.next() - 0.5) * 24;
          for (const s of shapes) if ((x - s.cx) ** 2 + (y - s.cy) ** 2 < s.r2) v += s.shift[c]!;
          raw[p * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      }
    images.push(new Uint8Array(await sharp(raw, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 90 }).toBuffer()));
  }
  return images;
}

interface Rate {
  wall: number;
  perCore: number;
}

async function measure(run: () => Promise<number>): Promise<Rate> {
  let best: Rate = { wall: 0, perCore: 0 };
  for (let r = 0; r < repeats; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const n = await run();
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const rate = { wall: n / wallS, perCore: n / ((cpu.user + cpu.system) / 1e6) };
    if (rate.perCore > best.perCore) best = rate;
  }
  return best;
}

console.log(`generating ${numImages} JPEGs of 500×375 …`);
const jpegs = await makeJpegs(numImages);
const jpegDir = values['write-jpegs'] ?? mkdtempSync(join(tmpdir(), 'bench-loader-'));
mkdirSync(jpegDir, { recursive: true });
jpegs.forEach((j, i) => writeFileSync(join(jpegDir, `${String(i).padStart(5, '0')}.jpg`), j));
if (values['write-jpegs']) console.log(`wrote them to ${jpegDir}`);

/** torchvision + PIL on the same JPEGs, or null (and why) when no Python has torchvision. */
function torchvisionReference(): { decode: number; full: number; python: string } | string {
  if (values['no-reference']) return 'skipped (--no-reference)';
  const script = fileURLToPath(new URL('./torchvision_loader.py', import.meta.url));
  for (const python of values.python ? [values.python] : ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import torchvision, PIL'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const run = spawnSync(python, [script, jpegDir, '--repeats', String(repeats)], { encoding: 'utf8' });
    if (run.status !== 0) return `${python} ${script} failed: ${run.stderr.trim().split('\n').at(-1)}`;
    const rate = (label: string) => Number(new RegExp(`${label}\\s+([\\d.]+) img/s/core`).exec(run.stdout)?.[1]);
    return { decode: rate('decode only \\(PIL\\)'), full: rate('full augmentation \\(torchvision\\)'), python };
  }
  return 'no Python with torchvision and Pillow found (Debian: apt-get install python3-torchvision python3-pil)';
}
const cores = availableParallelism();
const rows: [string, Rate, string][] = [];

sharp.concurrency(1); // libvips threads per image: one, so the per-core figure is honest
const decode = await measure(async () => {
  for (const j of jpegs) await sharp(j).raw().toBuffer();
  return jpegs.length;
});
rows.push(['decode only, sharp', decode, 'torchvision+PIL ≈ 477 img/s/core']);
if (jpegDecoderName() === 'libjpeg-turbo') {
  const target = new Uint8Array(500 * 375 * 3);
  const whole = await measure(async () => {
    for (const j of jpegs) decodeJpegRegion(j, null, () => target);
    return jpegs.length;
  });
  rows.push(['decode only, libjpeg-turbo', whole, 'same library, called directly']);
  const crops = jpegs.map((_, i) => drawAugmentParams(imageRng(1, 0, i), 500, 375, DEFAULT_AUGMENT).crop);
  const region = await measure(async () => {
    jpegs.forEach((j, i) => decodeJpegRegion(j, crops[i]!, () => target));
    return jpegs.length;
  });
  rows.push(['decode only, libjpeg-turbo, crop region', region, "what the loader decodes"]);
}
const serialOut = { pixels: new Float32Array(inputSizePx * inputSizePx * 3), offset: 0 };
const serial = await measure(async () => {
  for (let i = 0; i < jpegs.length; i++)
    await augmentImage(jpegs[i]!, imageRng(1, 0, i), DEFAULT_AUGMENT, inputSizePx, PIXEL_MEAN_RGB, { width: 500, height: 375 }, serialOut);
  return jpegs.length;
});
rows.push([`augment, serial (${jpegDecoderName()})`, serial, 'torchvision+PIL ≈ 145 img/s/core; target ≥ 290']);

// As the shards give them: views into one record batch's buffer.
const recordBatch = new Uint8Array(jpegs.reduce((n, j) => n + j.length, 0));
let at = 0;
const views = jpegs.map((j) => {
  recordBatch.set(j, at);
  at += j.length;
  return recordBatch.subarray(at - j.length, at);
});
const source = arraySource(
  views.map((image, i) => ({ image, label: i % 10, storedWidth: 500, storedHeight: 375 })),
  10,
  'bench',
);
const batch = Math.min(Number(values.batch), numImages);
const workers = values.workers !== undefined ? Number(values.workers) : defaultLoaderWorkers();
// Steady state, as in a training run: the loader (its threads started, its code warm) streams on.
const loader = new BatchLoader(source, {
  batchSize: batch,
  imagesPerEpoch: Math.floor(numImages / batch) * batch,
  seed: 1,
  inputSizePx,
  augment: DEFAULT_AUGMENT,
  meanRgb: PIXEL_MEAN_RGB,
  prefetchBatches: 2,
  startEpoch: 0,
  startIndexInEpoch: 0,
  workers,
});
const batchesPerRun = Math.max(1, Math.floor((numImages * 2) / batch));
for (let b = 0; b < batchesPerRun; b++) (await loader.next()).release(); // warm-up
const pipelined = await measure(async () => {
  // The queue is full of batches started before this run; count images finished during it.
  for (let b = 0; b < batchesPerRun; b++) (await loader.next()).release(); // as training does, after the step
  return batchesPerRun * batch;
});
await loader.close();
rows.push([`augment, pipelined (batch ${batch}, ${workers} worker threads)`, pipelined, 'BatchLoader as in training']);

if (!values['no-step']) {
  const prefer = values.backend;
  if (prefer !== undefined && !isBackendName(prefer)) throw new Error(`--backend: unknown '${prefer}'`);
  const info = await selectBackend({ prefer, log: () => undefined });
  const px = Number(values['step-px']);
  const width = Number(values['step-width']);
  const stepBatch = Number(values['step-batch']);
  const model = buildGoogLeNet({ numClasses: 1000, inputSize: px, width, auxHeads: true, lrn: true, seed: 1 });
  const trainer = createTrainer(model, PAPER_RECIPE);
  const xs = tf.randomNormal([stepBatch, px, px, 3], 0, 60, 'float32', 1) as tf.Tensor4D;
  const labels = Int32Array.from({ length: stepBatch }, (_, i) => i);
  trainer.trainStep(xs, labels); // warm-up (kernel compilation, allocation)
  const step = await measure(async () => {
    trainer.trainStep(xs, labels);
    return stepBatch;
  });
  rows.push([`training step (${info.name}, width ${width}, ${px} px, batch ${stepBatch})`, step, 'images the step consumes']);
  xs.dispose();
  trainer.dispose();
  model.dispose();
}

const reference = torchvisionReference();
if (!values['write-jpegs']) rmSync(jpegDir, { recursive: true, force: true });
if (typeof reference !== 'string') {
  rows.push(['torchvision + PIL: decode only', { wall: NaN, perCore: reference.decode }, `same JPEGs, ${reference.python}, one thread`]);
  rows.push(['torchvision + PIL: full augmentation', { wall: NaN, perCore: reference.full }, 'the issue: ours ≥ 2× this per core']);
}
const pad = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'stage'.padEnd(pad)}  ${'img/s'.padStart(9)}  ${'img/s/core'.padStart(10)}  note`);
for (const [name, r, note] of rows) {
  const wall = Number.isNaN(r.wall) ? '–' : r.wall.toFixed(1);
  console.log(`${name.padEnd(pad)}  ${wall.padStart(9)}  ${r.perCore.toFixed(1).padStart(10)}  ${note}`);
}
console.log(`\n(${cores} cores; best of ${repeats} repeats; per core = images per CPU-second of the process, all threads)`);
if (typeof reference === 'string') console.log(`torchvision reference: ${reference}`);
else
  console.log(
    `ours / torchvision, full augmentation per core: serial ${(serial.perCore / reference.full).toFixed(2)}×, pipelined ${(pipelined.perCore / reference.full).toFixed(2)}× (target ≥ 2×)`,
  );
