import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, parseMetaMat, leafSynsetsById, parseVocXml, ShardDataset, synthesize, synthClasses, type SynthOptions } from './index.js';
import { insideShape } from './synth/draw.js';
import { tempDir } from './test-fixtures.js';

const OPTS: Omit<SynthOptions, 'out'> = { seed: 3, numClasses: 6, trainPerClass: 2, valPerClass: 2, detTrainImages: 3, detValImages: 2, minSidePx: 64, maxSidePx: 160, progress: false };

function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

let demo: string;
beforeAll(async () => {
  demo = tempDir('synth');
  await synthesize({ ...OPTS, out: demo });
});

describe('synth classes', () => {
  it('crosses every shape with every colour, and orders IDs against sorted wnids', () => {
    const classes = synthClasses(24);
    expect(new Set(classes.map((c) => c.wnid)).size).toBe(24);
    expect(new Set(classes.map((c) => c.words)).size).toBe(24);
    expect(classes.filter((c) => c.words.startsWith('red ')).map((c) => c.shape)).toEqual(['disc', 'square', 'triangle', 'ring', 'cross', 'star']);
    const sorted = [...classes].sort((a, b) => (a.wnid < b.wnid ? -1 : 1));
    // Sorted-wnid position of ID k is 24 − k: ID−1 would be right for no class.
    expect(sorted.map((c) => c.id)).toEqual(Array.from({ length: 24 }, (_, i) => 24 - i));
  });

  it('draws shapes that differ where they should', () => {
    expect([insideShape('disc', 0, 0), insideShape('ring', 0, 0), insideShape('square', 0.8, 0.8), insideShape('disc', 0.8, 0.8)]).toEqual([true, false, true, false]);
    expect([insideShape('cross', 0.8, 0), insideShape('cross', 0.6, 0.6), insideShape('triangle', 0, -0.95), insideShape('triangle', 0, 0.8)]).toEqual([true, false, false, true]);
  });
});

describe('synthesize', () => {
  it('writes the official layout with a parseable meta.mat, ground truth and boxes', () => {
    const files = Object.keys(treeHash(demo));
    expect(files.filter((f) => f.startsWith('train/') && f.endsWith('.JPEG'))).toHaveLength(12);
    expect(files.filter((f) => /^val\/ILSVRC2012_val_\d{8}\.JPEG$/.test(f))).toHaveLength(12);
    expect(files.filter((f) => f.startsWith('det/train/'))).toHaveLength(3);
    expect(files.filter((f) => f.startsWith('det/annotations/val/'))).toHaveLength(2);
    const synsets = parseMetaMat(readFileSync(join(demo, 'devkit/data/meta.mat')), 'meta.mat');
    expect(synsets).toHaveLength(8); // 6 leaves + 2 internal nodes
    const leaves = leafSynsetsById(synsets, 'meta.mat');
    expect([...leaves.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
    const gt = readFileSync(join(demo, 'devkit/data/ILSVRC2012_validation_ground_truth.txt'), 'utf8').trim().split('\n').map(Number);
    expect(gt).toHaveLength(12);
    // Each val image's box names the class its ground-truth ID says.
    gt.forEach((id, i) => {
      const stem = `ILSVRC2012_val_${String(i + 1).padStart(8, '0')}`;
      const ann = parseVocXml(readFileSync(join(demo, 'bbox/val', `${stem}.xml`), 'utf8'), stem);
      expect(ann.boxes.map((b) => b.wnid)).toEqual([leaves.get(id)!.wnid]);
    });
  });

  it('makes non-square JPEGs of the requested sizes with boxes inside them', async () => {
    const shapes = new Set<string>();
    for (const f of readdirSync(join(demo, 'val'))) {
      const meta = await sharp(join(demo, 'val', f)).metadata();
      expect([meta.format, meta.channels]).toEqual(['jpeg', 3]);
      expect(Math.min(meta.width!, meta.height!)).toBeGreaterThanOrEqual(64);
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(160);
      shapes.add(meta.width! > meta.height! ? 'landscape' : meta.width! < meta.height! ? 'portrait' : 'square');
      const ann = parseVocXml(readFileSync(join(demo, 'bbox/val', f.replace('.JPEG', '.xml')), 'utf8'), f);
      expect([ann.width, ann.height]).toEqual([meta.width, meta.height]);
      for (const b of ann.boxes) {
        expect(b.xmin).toBeGreaterThanOrEqual(0);
        expect(b.xmax).toBeLessThan(meta.width!);
        expect(b.ymax).toBeLessThan(meta.height!);
        expect((b.xmax - b.xmin + 1) * (b.ymax - b.ymin + 1)).toBeGreaterThan(0.03 * meta.width! * meta.height!);
      }
    }
    expect(shapes.has('landscape') && shapes.has('portrait')).toBe(true);
    for (const f of readdirSync(join(demo, 'det/annotations/train'))) {
      const ann = parseVocXml(readFileSync(join(demo, 'det/annotations/train', f), 'utf8'), f);
      expect(ann.boxes.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const again = tempDir('synth2');
    await synthesize({ ...OPTS, out: again });
    expect(treeHash(again)).toEqual(treeHash(demo));
    const other = tempDir('synth3');
    await synthesize({ ...OPTS, seed: 4, out: other });
    const a = treeHash(demo);
    const b = treeHash(other);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a).filter((k) => k.endsWith('.JPEG') && a[k] === b[k])).toEqual([]);
  });

  it('ingests end to end: every val row is labelled with the class its box names', async () => {
    const out = tempDir('synth-val');
    const m = await ingest({ root: demo, split: 'val', out, workers: 1, progress: false });
    expect(m.numRows).toBe(12);
    expect(Object.values(m.countsPerClass)).toEqual([2, 2, 2, 2, 2, 2]);
    const ds = await ShardDataset.open(out);
    for await (const r of ds.rows()) {
      expect(r.boxes.map((b) => b.wnid)).toEqual([r.wnid]);
      expect(ds.classes[r.label]!.wnid).toBe(r.wnid);
    }
    await ds.close();
    const det = await ingest({ root: demo, split: 'det-val', out: tempDir('synth-det'), workers: 0, progress: false });
    expect(det.numRows).toBe(2);
    expect(det.detClasses!.length).toBeGreaterThan(0);
    expect(det.detClasses!.every((c) => det.classes[c.index]!.wnid === c.wnid)).toBe(true);
  });
});
