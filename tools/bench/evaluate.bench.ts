/**
 * npm run bench:evaluate — throughput of 1-, 10- and 144-crop evaluation: images/s and crops/s
 * end to end (decode + crops + forward passes), and crops/s of the pixel work alone (one sharp
 * decode+resize per image per scale, crops cut and mirrored in JS), so the two costs can be told
 * apart.
 *
 *   tsx tools/bench/evaluate.bench.ts [--backend wasm] [--size 64] [--width 0.25] [--images 8]
 *                                     [--batch 32] [--schemes 1,10,144] [--json out.json]
 *
 * Images are random-noise JPEGs of seeded sizes 200–500 px. Timings are wall-clock on a shared
 * machine: noisy; compare only runs made side by side.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { describeBackend, isBackendName, selectBackend } from '@googlenet/backend';
import { cropPlan, decodeResized, scoreDataset, writeCrop, type CropScheme, type EvalDataset, type EvalImage } from '@googlenet/evaluation';
import { buildGoogLeNet, PIXEL_MEAN_RGB } from '@googlenet/model';
import { Rng } from '@googlenet/util';

interface BenchRow {
  scheme: CropScheme;
  images: number;
  crops: number;
  wallSeconds: number;
  imagesPerSec: number;
  cropsPerSec: number;
  pixelCropsPerSec: number;
}

const args = parseArgs(process.argv.slice(2));
const backend = args['backend'] ?? 'wasm';
if (!isBackendName(backend)) throw new Error(`--backend: unknown backend '${backend}'`);
const sizePx = Number(args['size'] ?? 64);
const width = Number(args['width'] ?? 0.25);
const numImages = Number(args['images'] ?? 8);
const batchSize = Number(args['batch'] ?? 32);
const schemes = (args['schemes'] ?? '1,10,144').split(',').map((s) => Number(s) as CropScheme);
const NUM_CLASSES = 10;

console.log(describeBackend(await selectBackend({ prefer: backend, log: () => undefined })));
const dataset = await noiseDataset(numImages, NUM_CLASSES, 1);
const model = buildGoogLeNet({ numClasses: NUM_CLASSES, inputSize: sizePx, width, auxHeads: false, seed: 1 });
console.log(`GoogLeNet width ${width} at ${sizePx} px, ${numImages} images, batch ${batchSize} crops`);

// Warm-up: the first forward pass compiles/allocates.
await scoreDataset([model], dataset, { crops: 1, limit: 1, batchSize, progress: false });
const rows: BenchRow[] = [];
for (const scheme of schemes) {
  const pixelCropsPerSec = await pixelsOnly(dataset, scheme);
  const scored = await scoreDataset([model], dataset, { crops: scheme, batchSize, progress: false });
  rows.push({
    scheme,
    images: scored.images,
    crops: scored.cropsEvaluated,
    wallSeconds: scored.wallSeconds,
    imagesPerSec: scored.images / scored.wallSeconds,
    cropsPerSec: scored.cropsEvaluated / scored.wallSeconds,
    pixelCropsPerSec,
  });
}
model.dispose();
printTable(rows);
if (args['json']) writeFileSync(args['json'], JSON.stringify({ backend, sizePx, width, batchSize, rows }, null, 2) + '\n');

/** Crops per second of the pixel work alone: decode+resize per scale, then every crop in JS. */
async function pixelsOnly(ds: EvalDataset, scheme: CropScheme): Promise<number> {
  const started = performance.now();
  let crops = 0;
  const out = new Float32Array(sizePx * sizePx * 3);
  for (let i = 0; i < ds.numRows; i++) {
    const rec = await ds.get(i);
    for (const g of cropPlan(scheme, rec.width, rec.height, sizePx).scales) {
      const raw = await decodeResized(rec.image, g.resizedWidthPx, g.resizedHeightPx, `image ${i}`);
      for (const c of g.crops) {
        writeCrop(raw, c.resizedRect, sizePx, c.mirror, PIXEL_MEAN_RGB, out, 0);
        crops++;
      }
    }
  }
  return crops / ((performance.now() - started) / 1000);
}

async function noiseDataset(n: number, numClasses: number, seed: number): Promise<EvalDataset> {
  const rng = new Rng(seed);
  const images: EvalImage[] = [];
  for (let i = 0; i < n; i++) {
    const w = 200 + rng.int(301);
    const h = 200 + rng.int(301);
    const pixels = new Uint8Array(w * h * 3);
    for (let k = 0; k < pixels.length; k++) pixels[k] = rng.nextUint32() & 255;
    const image = new Uint8Array(await sharp(pixels, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
    images.push({ key: `noise_${i}`, label: i % numClasses, width: w, height: h, image });
  }
  return { numRows: n, classes: Array.from({ length: numClasses }, (_, c) => `c${c}`), get: (i) => images[i] };
}

function printTable(rs: BenchRow[]): void {
  const header = ['crops', 'images', 'crop passes', 'wall s', 'images/s', 'crops/s', 'pixels-only crops/s'];
  const body = rs.map((r) => [
    String(r.scheme),
    String(r.images),
    String(r.crops),
    r.wallSeconds.toFixed(2),
    r.imagesPerSec.toFixed(2),
    r.cropsPerSec.toFixed(1),
    r.pixelCropsPerSec.toFixed(1),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padStart(widths[c])).join('  ');
  console.log(line(header));
  for (const row of body) console.log(line(row));
  console.log(`(backend ${tf.getBackend()}; wall-clock on a shared machine, noisy)`);
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${a} needs a value`);
    out[a.slice(2)] = value;
    i++;
  }
  return out;
}
