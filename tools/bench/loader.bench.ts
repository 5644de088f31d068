/**
 * Training input pipeline throughput on 500×375 JPEGs (the reference: torchvision + PIL
 * does the full augmentation at ~145 img/s on one core, decode alone ~477 img/s; target ≥ 2×, i.e.
 * ≥ 290 img/s per core). Rows:
 *   decode only          sharp JPEG → raw RGB
 *   augment, serial      one image at a time: random crop, random interpolation resize to 224,
 *                        flip, brightness/contrast/saturation, PCA lighting, mean subtraction
 *   augment, pipelined   the BatchLoader as training uses it (prefetch queue, images in flight)
 *   training step        images/s the training step consumes (GoogLeNet, --step-width, 224 px)
 * "per core" = images per CPU-second of this process (all threads), robust to other load.
 * Usage: npm run bench:loader -- [--images N] [--repeats N] [--batch N] [--step-width X] [--step-px N] [--backend B] [--no-step]
 */
import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { isBackendName, selectBackend } from '@googlenet/backend';
import { buildGoogLeNet, PIXEL_MEAN_RGB } from '@googlenet/model';
import { BatchLoader, DEFAULT_AUGMENT, PAPER_RECIPE, arraySource, augmentImage, createTrainer, imageRng } from '@googlenet/training';
import { Rng } from '@googlenet/util';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '64' },
    repeats: { type: 'string', default: '3' },
    batch: { type: 'string', default: '32' },
    'step-width': { type: 'string', default: '1' },
    'step-px': { type: 'string', default: '224' },
    'step-batch': { type: 'string', default: '8' },
    backend: { type: 'string' },
    'no-step': { type: 'boolean' },
  },
});
const numImages = Number(values.images);
const repeats = Number(values.repeats);
const inputSizePx = 224;

/** Photo-like 500×375 JPEGs: smooth gradients, a few shapes and mild noise, quality 90. */
async function makeJpegs(n: number): Promise<Uint8Array[]> {
  const rng = new Rng(42);
  const [W, H] = [500, 375];
  return Promise.all(
    Array.from({ length: n }, async () => {
      const raw = Buffer.alloc(W * H * 3);
      const [a, b, c] = [rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)];
      const cx = rng.uniform(100, 400);
      const cy = rng.uniform(80, 300);
      const r2 = rng.uniform(40, 120) ** 2;
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const inside = (x - cx) ** 2 + (y - cy) ** 2 < r2;
          const noise = (rng.next() - 0.5) * 24;
          const i = (y * W + x) * 3;
          raw[i] = Math.max(0, Math.min(255, (inside ? 255 - a : a) * (x / W) + noise));
          raw[i + 1] = Math.max(0, Math.min(255, (inside ? b : 255 - b) * (y / H) + noise));
          raw[i + 2] = Math.max(0, Math.min(255, c + noise));
        }
      return new Uint8Array(await sharp(raw, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
    }),
  );
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
const cores = availableParallelism();
const rows: [string, Rate, string][] = [];

sharp.concurrency(1); // libvips threads per image: one, so the per-core figure is honest
const decode = await measure(async () => {
  for (const j of jpegs) await sharp(j).raw().toBuffer();
  return jpegs.length;
});
rows.push(['decode only (serial)', decode, 'torchvision+PIL ≈ 477 img/s/core']);

const serial = await measure(async () => {
  for (let i = 0; i < jpegs.length; i++) await augmentImage(jpegs[i]!, imageRng(1, 0, i), DEFAULT_AUGMENT, inputSizePx, PIXEL_MEAN_RGB, { width: 500, height: 375 });
  return jpegs.length;
});
rows.push(['augment, serial', serial, 'torchvision+PIL ≈ 145 img/s/core; target ≥ 290']);

const source = arraySource(
  jpegs.map((image, i) => ({ image, label: i % 10, storedWidth: 500, storedHeight: 375 })),
  10,
  'bench',
);
const batch = Math.min(Number(values.batch), numImages);
const pipelined = await measure(async () => {
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
  });
  const batches = Math.max(1, Math.floor((numImages * 2) / batch));
  for (let b = 0; b < batches; b++) await loader.next();
  // The prefetched batches were decoded too: count them, after waiting for them.
  const prefetched = loader.inFlight;
  await loader.drain();
  return (batches + prefetched) * batch;
});
rows.push([`augment, pipelined (batch ${batch}, ${cores} cores)`, pipelined, 'BatchLoader as in training']);

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

const pad = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'stage'.padEnd(pad)}  ${'img/s'.padStart(9)}  ${'img/s/core'.padStart(10)}  note`);
for (const [name, r, note] of rows) console.log(`${name.padEnd(pad)}  ${r.wall.toFixed(1).padStart(9)}  ${r.perCore.toFixed(1).padStart(10)}  ${note}`);
console.log(`\n(${cores} cores; best of ${repeats} repeats; per core = images per CPU-second of this process)`);
