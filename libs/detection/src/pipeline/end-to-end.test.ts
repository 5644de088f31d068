import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@googlenet/backend';
import { buildGoogLeNet, loadModel, saveModel } from '@googlenet/model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectorInferenceModel, readDetectorMeta, writeDetectorMeta } from '../regions/detector-model.js';
import { Rng } from '@googlenet/util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledBox, Rect } from '../boxes.js';
import { perClassNms } from '../nms.js';
import { DEFAULT_INFER, detectAll } from './infer.js';
import { fineTuneDetector, RCNN_FINETUNE } from './finetune.js';
import { PAPER_SELECTIVE_SEARCH, proposeAll } from './propose.js';
import { proposalRects } from './proposals-file.js';
import type { DetectionImage } from './source.js';
import { summarizeDetection } from './summarize.js';

const CLASSES = ['n00000001', 'n00000002'];
const COLOURS = [
  [220, 40, 40],
  [40, 80, 230],
];

/**
 * A tiny detection image: textured background with one or two flat squares of the two classes.
 * Encoded at 96×72 but described as a 192×144 original (boxes in original pixels), like a shard
 * row whose JPEG was downscaled at ingest.
 */
async function makeImage(key: string, seed: number): Promise<DetectionImage> {
  const W = 96;
  const H = 72;
  const rng = new Rng(seed);
  const objects: { cls: number; r: Rect }[] = [];
  const n = 1 + rng.int(2);
  for (let i = 0; i < n; i++) {
    const side = 18 + rng.int(10);
    const x = i === 0 ? 4 + rng.int(30) : 52 + rng.int(W - 56 - side);
    const y = 4 + rng.int(H - 8 - side);
    objects.push({ cls: rng.int(2), r: { xmin: x, ymin: y, xmax: x + side - 1, ymax: y + side - 1 } });
  }
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let c = [120 + 20 * Math.sin(x / 7), 140, 110 + 20 * Math.cos(y / 5)];
      for (const o of objects) if (x >= o.r.xmin && x <= o.r.xmax && y >= o.r.ymin && y <= o.r.ymax) c = COLOURS[o.cls];
      for (let k = 0; k < 3; k++) data[3 * (y * W + x) + k] = Math.max(0, Math.min(255, Math.round(c[k] + 6 * rng.normal())));
    }
  }
  const image = new Uint8Array(await sharp(data, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
  const boxes: LabelledBox[] = objects.map((o) => ({
    wnid: CLASSES[o.cls],
    xmin: 2 * o.r.xmin,
    ymin: 2 * o.r.ymin,
    xmax: 2 * o.r.xmax + 1,
    ymax: 2 * o.r.ymax + 1,
  }));
  return { key: `${key}.JPEG`, width: 2 * W, height: 2 * H, image, boxes };
}

describe('R-CNN pipeline on tiny synthetic images', () => {
  let train: DetectionImage[];
  let val: DetectionImage[];
  beforeAll(async () => {
    // WASM: the backend library registers training kernels there; pure-JS cpu backprop is ~100× slower.
    await selectBackend({ prefer: 'wasm', log: () => undefined });
    train = await Promise.all([1, 2, 3, 4].map((s) => makeImage(`train_${s}`, s)));
    val = await Promise.all([11, 12].map((s) => makeImage(`val_${s}`, s)));
  });

  it('proposes, fine-tunes (loss falls), detects and scores', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const ss = { ...PAPER_SELECTIVE_SEARCH, kScale: 1 };
    const trainProps = new Map((await proposeAll(train, { selectiveSearch: ss })).map((l) => [l.image, proposalRects(l)]));
    const valLines = await proposeAll(val, { selectiveSearch: ss });
    const valProps = new Map(valLines.map((l) => [l.image, proposalRects(l)]));
    // Proposals come back in original pixels (twice the decoded size).
    for (const l of valLines) for (const [, , xmax, ymax] of l.boxes) expect(xmax < 192 && ymax < 144).toBe(true);

    const classifier = buildGoogLeNet({ numClasses: 5, inputSize: 64, width: 0.125, auxHeads: false, seed: 3 });
    const { model, meta, losses } = await fineTuneDetector(classifier, train, trainProps, {
      ...RCNN_FINETUNE,
      classes: CLASSES,
      steps: 12,
      batchSize: 16,
      baseLr: 0.01,
      seed: 7,
      initFrom: 'test',
    });
    expect(meta).toMatchObject({ classes: CLASSES, inputSizePx: 64, contextPx: (16 * 64) / 224 });
    expect(model.outputs[0].shape).toEqual([null, 3]);
    expect(losses).toHaveLength(12);
    expect(losses[0]).toBeCloseTo(Math.log(3), 1); // fresh N(0, 0.01²) head: near-uniform over 3 outputs
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)));

    const dets = await detectAll(model, meta, val, valProps, { ...DEFAULT_INFER, batchSize: 64 });
    for (const img of val) {
      const mine = dets.filter((d) => d.image === img.key);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThanOrEqual(100);
      // Already NMS'd per class: NMS again changes nothing.
      expect(perClassNms(mine, 0.3, 100)).toHaveLength(mine.length);
      for (const d of mine) {
        expect(CLASSES).toContain(d.wnid);
        expect(d.score).toBeGreaterThan(0);
        expect(d.score).toBeLessThanOrEqual(1);
        expect(d.xmin >= 0 && d.ymin >= 0 && d.xmax < img.width && d.ymax < img.height && d.xmin <= d.xmax).toBe(true);
      }
    }
    const result = summarizeDetection(
      val.map((v) => ({ image: v.key, boxes: v.boxes })),
      dets,
      valProps,
      { backend: tf.getBackend(), wallSeconds: 1, classes: CLASSES },
    );
    expect(result.mAP).toBeGreaterThanOrEqual(0);
    expect(result.mAP).toBeLessThanOrEqual(1);
    expect(result.images).toBe(2);
    expect(result.recallAt05).toBe(1); // flat squares are always among the proposals
    expect(result.recallCurve.at(-1)!.proposals).toBe(Math.max(...[...valProps.values()].map((p) => p.length)));

    // Saved and reloaded (as `detect finetune` → `detect infer` do), the detector scores the same.
    const dir = mkdtempSync(join(tmpdir(), 'detector-'));
    await saveModel(model, dir);
    await writeDetectorMeta(dir, meta);
    const reloaded = await loadModel(dir);
    const again = await detectAll(detectorInferenceModel(reloaded), await readDetectorMeta(dir), val, valProps, { ...DEFAULT_INFER, batchSize: 64 });
    expect(again.map(({ score: _s, ...d }) => d)).toEqual(dets.map(({ score: _s, ...d }) => d));
    again.forEach((d, i) => expect(d.score).toBeCloseTo(dets[i]!.score, 5));
    reloaded.dispose();
    rmSync(dir, { recursive: true, force: true });
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
