/**
 * `googlenet synth`: a demo dataset in the official ILSVRC layout (see layouts.ts), drawn from a
 * seed, byte-identical for the same options. Classification images hold one object; detection
 * images (det/) hold 2–4 objects of the same classes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { Progress, Rng, stableStringify, writeJsonAtomic } from '@googlenet/util';
import { writeMatStructArray } from '../matfile.js';
import type { Box } from '../types.js';
import { writeVocXml } from '../voc-xml.js';
import { synthClasses, type SynthClass } from './classes.js';
import { clutteredBackground, drawObject, randomPlacement, type Canvas } from './draw.js';

export interface SynthOptions {
  out: string;
  seed: number;
  numClasses: number;
  trainPerClass: number;
  valPerClass: number;
  detTrainImages: number;
  detValImages: number;
  /** Image sides are drawn in [minSidePx, maxSidePx] (default 200–500, portrait and landscape). */
  minSidePx?: number;
  maxSidePx?: number;
  jpegQuality?: number;
  /** Show a progress bar (default: when stderr is a TTY). */
  progress?: boolean;
}

export interface SynthSummary {
  out: string;
  seed: number;
  classes: Array<{ id: number; wnid: string; words: string }>;
  trainImages: number;
  valImages: number;
  detTrainImages: number;
  detValImages: number;
  /** The options that produced the tree (a rerun with equal options is skipped). */
  config: Omit<SynthOptions, 'out' | 'progress'>;
}

// Stream labels for Rng.derive, so that each image's draws depend only on (seed, stream, index).
const STREAM = { train: 1, val: 2, detTrain: 3, detVal: 4, valOrder: 5 } as const;

/** Writes the dataset; returns its summary (also written to <out>/synth.json, last). */
export async function synthesize(opts: SynthOptions): Promise<SynthSummary> {
  const config = {
    seed: opts.seed,
    numClasses: opts.numClasses,
    trainPerClass: opts.trainPerClass,
    valPerClass: opts.valPerClass,
    detTrainImages: opts.detTrainImages,
    detValImages: opts.detValImages,
    minSidePx: opts.minSidePx ?? 200,
    maxSidePx: opts.maxSidePx ?? 500,
    jpegQuality: opts.jpegQuality ?? 90,
  };
  for (const k of ['trainPerClass', 'valPerClass', 'detTrainImages', 'detValImages'] as const) {
    if (!Number.isInteger(config[k]) || config[k] < 0) throw new Error(`synth: ${k} must be a non-negative integer, got ${config[k]}`);
  }
  if (!(config.minSidePx >= 32 && config.maxSidePx >= config.minSidePx)) throw new Error(`synth: need 32 ≤ minSidePx ≤ maxSidePx, got ${config.minSidePx}, ${config.maxSidePx}`);
  const summaryFile = join(opts.out, 'synth.json');
  if (existsSync(summaryFile)) {
    const prior = JSON.parse(await readFile(summaryFile, 'utf8')) as Omit<SynthSummary, 'out'>;
    if (stableStringify(prior.config) === stableStringify(config)) return { ...prior, out: opts.out };
  }
  const classes = synthClasses(config.numClasses);
  const total = classes.length * (config.trainPerClass + config.valPerClass) + config.detTrainImages + config.detValImages;
  const progress = new Progress({ label: 'synth', total, unit: 'img', ...(opts.progress !== undefined ? { enabled: opts.progress } : {}) });
  const writer = new JpegWriter(config.jpegQuality, () => progress.tick());
  const side = (rng: Rng): [number, number] => [Math.round(rng.uniform(config.minSidePx, config.maxSidePx)), Math.round(rng.uniform(config.minSidePx, config.maxSidePx))];

  // Classification train: train/<wnid>/<wnid>_<n>.JPEG + bbox/train/<wnid>/<wnid>_<n>.xml
  for (const [ci, cls] of classes.entries()) {
    await mkdir(join(opts.out, 'train', cls.wnid), { recursive: true });
    await mkdir(join(opts.out, 'bbox', 'train', cls.wnid), { recursive: true });
    for (let n = 1; n <= config.trainPerClass; n++) {
      const rng = Rng.derive(config.seed, STREAM.train, ci, n);
      const stem = `${cls.wnid}_${n}`;
      const { canvas, boxes } = singleObject(cls, side(rng), rng);
      await writer.add(canvas, join(opts.out, 'train', cls.wnid, `${stem}.JPEG`));
      await writeFile(join(opts.out, 'bbox', 'train', cls.wnid, `${stem}.xml`), writeVocXml({ folder: cls.wnid, filename: stem, database: 'ILSVRC_2012', width: canvas.width, height: canvas.height, boxes }));
    }
  }

  // Classification val: classes interleaved in a seeded order, labels as ILSVRC2012_IDs.
  const valClasses = new Rng(Rng.derive(config.seed, STREAM.valOrder).nextUint32()).shuffle(classes.flatMap((c) => Array.from({ length: config.valPerClass }, () => c)));
  await mkdir(join(opts.out, 'val'), { recursive: true });
  await mkdir(join(opts.out, 'bbox', 'val'), { recursive: true });
  const groundTruth: number[] = [];
  for (const [i, cls] of valClasses.entries()) {
    const rng = Rng.derive(config.seed, STREAM.val, i);
    const stem = `ILSVRC2012_val_${String(i + 1).padStart(8, '0')}`;
    const { canvas, boxes } = singleObject(cls, side(rng), rng);
    await writer.add(canvas, join(opts.out, 'val', `${stem}.JPEG`));
    await writeFile(join(opts.out, 'bbox', 'val', `${stem}.xml`), writeVocXml({ folder: 'val', filename: stem, database: 'ILSVRC_2012', width: canvas.width, height: canvas.height, boxes }));
    groundTruth.push(cls.id);
  }

  // Devkit: ground truth (one ILSVRC2012_ID per line) and meta.mat with the leaf synsets plus two
  // internal nodes (num_children > 0), which a reader must leave out of the classes.
  await mkdir(join(opts.out, 'devkit', 'data'), { recursive: true });
  await writeFile(join(opts.out, 'devkit', 'data', 'ILSVRC2012_validation_ground_truth.txt'), groundTruth.map((id) => `${id}\n`).join(''));
  await writeFile(join(opts.out, 'devkit', 'data', 'meta.mat'), metaMat(classes));

  // Detection: det/{train,val}/<stem>.JPEG + det/annotations/{train,val}/<stem>.xml
  for (const [sub, count, stream, prefix] of [
    ['train', config.detTrainImages, STREAM.detTrain, 'ILSVRC2014_train_'],
    ['val', config.detValImages, STREAM.detVal, 'ILSVRC2013_val_'],
  ] as const) {
    await mkdir(join(opts.out, 'det', sub), { recursive: true });
    await mkdir(join(opts.out, 'det', 'annotations', sub), { recursive: true });
    for (let i = 0; i < count; i++) {
      const rng = Rng.derive(config.seed, stream, i);
      const stem = `${prefix}${String(i + 1).padStart(8, '0')}`;
      const { canvas, boxes } = multiObject(classes, side(rng), rng);
      await writer.add(canvas, join(opts.out, 'det', sub, `${stem}.JPEG`));
      await writeFile(join(opts.out, 'det', 'annotations', sub, `${stem}.xml`), writeVocXml({ folder: sub, filename: stem, database: 'ILSVRC_2014', width: canvas.width, height: canvas.height, boxes }));
    }
  }
  await writer.flush();
  progress.finish();

  const summary: SynthSummary = {
    out: opts.out,
    seed: config.seed,
    classes: classes.map(({ id, wnid, words }) => ({ id, wnid, words })),
    trainImages: classes.length * config.trainPerClass,
    valImages: valClasses.length,
    detTrainImages: config.detTrainImages,
    detValImages: config.detValImages,
    config,
  };
  // Written without `out`, so that the tree is byte-identical wherever it is.
  const { out: _out, ...stored } = summary;
  await writeJsonAtomic(summaryFile, stored);
  return summary;
}

function singleObject(cls: SynthClass, [width, height]: [number, number], rng: Rng): { canvas: Canvas; boxes: Box[] } {
  const canvas = clutteredBackground(width, height, rng);
  const box = drawObject(canvas, cls, randomPlacement(width, height, rng.uniform(0.3, 0.8), rng), rng);
  return { canvas, boxes: box ? [box] : [] };
}

function iou(a: Box, b: Box): number {
  const w = Math.min(a.xmax, b.xmax) - Math.max(a.xmin, b.xmin) + 1;
  const h = Math.min(a.ymax, b.ymax) - Math.max(a.ymin, b.ymin) + 1;
  if (w <= 0 || h <= 0) return 0;
  const area = (r: Box): number => (r.xmax - r.xmin + 1) * (r.ymax - r.ymin + 1);
  return (w * h) / (area(a) + area(b) - w * h);
}

/** 2–4 objects of random classes, placed so that their boxes barely overlap (IoU < 0.05). */
function multiObject(classes: SynthClass[], [width, height]: [number, number], rng: Rng): { canvas: Canvas; boxes: Box[] } {
  const canvas = clutteredBackground(width, height, rng);
  const want = 2 + rng.int(3);
  const boxes: Box[] = [];
  for (let attempt = 0; boxes.length < want && attempt < 40; attempt++) {
    const at = randomPlacement(width, height, rng.uniform(0.18, 0.42), rng);
    const reach = Math.hypot(at.halfW, at.halfH);
    const bound: Box = { wnid: '', xmin: at.cx - reach, ymin: at.cy - reach, xmax: at.cx + reach, ymax: at.cy + reach };
    const cls = classes[rng.int(classes.length)]!;
    if (boxes.some((b) => iou(b, bound) >= 0.05)) continue;
    const box = drawObject(canvas, cls, at, rng);
    if (box) boxes.push(box);
  }
  return { canvas, boxes };
}

function metaMat(classes: SynthClass[]): Uint8Array {
  const n = classes.length;
  const rows = classes.map((c) => ({ ILSVRC2012_ID: c.id, WNID: c.wnid, words: c.words, gloss: `a synthetic ${c.words} on clutter`, num_children: 0, children: [] as number[], wordnet_height: 0, num_train_images: 0 }));
  const half = Math.ceil(n / 2);
  rows.push(
    { ILSVRC2012_ID: n + 1, WNID: 'n99999991', words: 'synthetic shape', gloss: 'internal node', num_children: half, children: classes.slice(0, half).map((c) => c.id), wordnet_height: 1, num_train_images: 0 },
    { ILSVRC2012_ID: n + 2, WNID: 'n99999992', words: 'synthetic object', gloss: 'internal node', num_children: n - half, children: classes.slice(half).map((c) => c.id), wordnet_height: 1, num_train_images: 0 },
  );
  return writeMatStructArray('synsets', ['ILSVRC2012_ID', 'WNID', 'words', 'gloss', 'num_children', 'children', 'wordnet_height', 'num_train_images'], rows);
}

/** JPEG encoding a few images at a time (libvips runs them on its threads while the next is drawn). */
class JpegWriter {
  private readonly inFlight = new Set<Promise<void>>();
  constructor(
    private readonly quality: number,
    private readonly onDone: () => void,
  ) {}

  async add(canvas: Canvas, path: string): Promise<void> {
    const p = sharp(canvas.rgb, { raw: { width: canvas.width, height: canvas.height, channels: 3 } })
      .jpeg({ quality: this.quality, chromaSubsampling: '4:2:0', mozjpeg: false })
      .toBuffer()
      .then((buf) => writeFile(path, buf))
      .then(() => this.onDone());
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    if (this.inFlight.size >= 4) await Promise.race(this.inFlight);
  }

  async flush(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
