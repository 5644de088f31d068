import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, ShardDataset, verifyShards, type ImageRecord } from './index.js';
import { flatImage, meanRgb, metaMat, put, tempDir, xml } from './test-fixtures.js';

// meta.mat order (ILSVRC2012_ID) is deliberately not sorted-wnid order:
// ID 1 → n03000000 (class 2), ID 2 → n01000000 (class 0), ID 3 → n02000000 (class 1).
const LEAVES: Array<[number, string, string]> = [
  [1, 'n03000000', 'gamma'],
  [2, 'n01000000', 'alpha'],
  [3, 'n02000000', 'beta'],
];
const RED: [number, number, number] = [220, 30, 40];

let root: string;

async function officialTree(): Promise<string> {
  const dir = tempDir('official');
  put(dir, 'devkit/data/meta.mat', metaMat(LEAVES));
  // train: n01 has the odd files, n02 a grayscale and a big one, n03 a CMYK one.
  put(dir, 'train/n01000000/n01000000_1.JPEG', await flatImage(64, 48, [10, 200, 10]));
  put(dir, 'train/n01000000/n01000000_2.JPEG', await flatImage(40, 56, [200, 100, 0], 'png')); // PNG named .JPEG
  const good = await flatImage(64, 48, [0, 0, 250]);
  put(dir, 'train/n01000000/n01000000_3.JPEG', good.subarray(0, Math.floor(good.length * 0.6))); // truncated
  put(dir, 'train/n01000000/n01000000_4.JPEG', new Uint8Array(0)); // empty
  put(dir, 'train/n01000000/n01000000_5.JPEG', 'this is not an image\n'); // non-image
  put(dir, 'train/n02000000/n02000000_1.JPEG', await flatImage(50, 40, [128, 128, 128], 'gray-jpeg'));
  put(dir, 'train/n02000000/n02000000_2.JPEG', await flatImage(120, 80, [90, 90, 200])); // shorter side 80 > cap 40
  put(dir, 'train/n02000000/n02000000_3.JPEG', await flatImage(300, 300, [1, 2, 3])); // 90,000 px > bomb limit
  put(dir, 'train/n03000000/n03000000_1.JPEG', await flatImage(48, 64, RED, 'cmyk-jpeg'));
  put(dir, 'bbox/train/n02000000/n02000000_2.xml', xml('n02000000', 'n02000000_2', 120, 80, [{ wnid: 'n02000000', xmin: 10, ymin: 5, xmax: 100, ymax: 70 }]));
  // val: IDs 1, 2, 3 ⇒ classes 2, 0, 1.
  const valColours: Array<[number, number, number]> = [RED, [10, 200, 10], [90, 90, 200]];
  for (const [i, colour] of valColours.entries()) put(dir, `val/ILSVRC2012_val_0000000${i + 1}.JPEG`, await flatImage(30 + i * 10, 36, colour));
  put(dir, 'devkit/data/ILSVRC2012_validation_ground_truth.txt', '1\n2\n3\n');
  put(dir, 'bbox/val/ILSVRC2012_val_00000002.xml', xml('val', 'ILSVRC2012_val_00000002', 40, 36, [{ wnid: 'n01000000', xmin: 0, ymin: 1, xmax: 39, ymax: 35 }, { wnid: 'n02000000', xmin: 3, ymin: 4, xmax: 5, ymax: 6 }]));
  return dir;
}

const TRAIN_OPTS = { split: 'train', shorterSideMaxPx: 40, maxInputPixels: 200 * 200, rowsPerBatch: 2, rowsPerShard: 3, seed: 7, progress: false } as const;

async function readAll(dir: string): Promise<ImageRecord[]> {
  const ds = await ShardDataset.open(dir);
  const rows: ImageRecord[] = [];
  for await (const r of ds.rows()) rows.push(r);
  await ds.close();
  return rows;
}

beforeAll(async () => {
  root = await officialTree();
});

describe('ingest, official layout', () => {
  it('labels by sorted wnid, converts every colour space to sRGB, and quarantines bad files', async () => {
    const out = tempDir('out');
    const m = await ingest({ ...TRAIN_OPTS, root, out, workers: 2 });
    expect(m.classes.map((c) => [c.index, c.wnid, c.words])).toEqual([[0, 'n01000000', 'alpha'], [1, 'n02000000', 'beta'], [2, 'n03000000', 'gamma']]);
    expect(m.numRows).toBe(5);
    expect(m.countsPerClass).toEqual({ n01000000: 2, n02000000: 2, n03000000: 1 });
    // 9 images in shards of 3 ⇒ 3 shards; quarantined rows leave holes, never dropped silently.
    expect(m.shards.map((s) => s.rows).reduce((a, b) => a + b)).toBe(5);
    expect(m.shards).toHaveLength(3);
    const q = Object.fromEntries(m.quarantined.map((e) => [e.path, e.reason]));
    expect(Object.keys(q).sort()).toEqual([
      'train/n01000000/n01000000_3.JPEG',
      'train/n01000000/n01000000_4.JPEG',
      'train/n01000000/n01000000_5.JPEG',
      'train/n02000000/n02000000_3.JPEG',
    ]);
    expect(q['train/n01000000/n01000000_3.JPEG']).toMatch(/truncated|corrupt/);
    expect(q['train/n01000000/n01000000_4.JPEG']).toBe('empty file');
    expect(q['train/n01000000/n01000000_5.JPEG']).toMatch(/^not a decodable image/);
    expect(q['train/n02000000/n02000000_3.JPEG']).toBe('decompression bomb: 300x300 = 90000 pixels exceeds the limit of 40000');

    const rows = Object.fromEntries((await readAll(out)).map((r) => [r.key, r]));
    expect(Object.keys(rows)).toHaveLength(5);
    const png = rows['train/n01000000/n01000000_2.JPEG']!;
    expect([png.label, png.format, png.space, png.channels, png.width, png.height]).toEqual([0, 'png', 'srgb', 3, 40, 56]);
    const cmyk = rows['train/n03000000/n03000000_1.JPEG']!;
    expect([cmyk.label, cmyk.format, cmyk.space, cmyk.channels]).toEqual([2, 'jpeg', 'cmyk', 4]);
    const gray = rows['train/n02000000/n02000000_1.JPEG']!;
    expect([gray.space, gray.channels]).toEqual(['b-w', 1]);
    // Stored images are 3-channel sRGB JPEGs with the right colour.
    for (const r of Object.values(rows)) {
      const meta = await sharp(r.image).metadata();
      expect([meta.format, meta.space, meta.channels]).toEqual(['jpeg', 'srgb', 3]);
    }
    const [cr, cg, cb] = await meanRgb(cmyk.image);
    expect(Math.abs(cr - RED[0])).toBeLessThan(20);
    expect(Math.abs(cg - RED[1])).toBeLessThan(25);
    expect(Math.abs(cb - RED[2])).toBeLessThan(25);
    const [gr, gg, gb] = await meanRgb(gray.image);
    expect(Math.max(Math.abs(gr - gg), Math.abs(gg - gb))).toBeLessThan(2);
    expect(Math.abs(gr - 128)).toBeLessThan(6);
    // Shorter side 80 capped at 40: 120×80 → 60×40; original size and boxes kept.
    const big = rows['train/n02000000/n02000000_2.JPEG']!;
    expect([big.width, big.height, big.storedWidth, big.storedHeight]).toEqual([120, 80, 60, 40]);
    expect(big.boxes).toEqual([{ wnid: 'n02000000', xmin: 10, ymin: 5, xmax: 100, ymax: 70 }]);
    // Smaller images are not upscaled.
    expect([png.storedWidth, png.storedHeight]).toEqual([40, 56]);
    expect((await verifyShards(out)).every((c) => c.ok)).toBe(true);
  });

  it('maps validation ILSVRC2012_IDs through meta.mat, not ID−1', async () => {
    const out = tempDir('val');
    const m = await ingest({ root, split: 'val', out, workers: 0, progress: false });
    expect(m.config.shorterSideMaxPx).toBeGreaterThanOrEqual(352);
    const rows = await readAll(out);
    expect(rows.map((r) => [r.key, r.label, r.wnid])).toEqual([
      ['val/ILSVRC2012_val_00000001.JPEG', 2, 'n03000000'],
      ['val/ILSVRC2012_val_00000002.JPEG', 0, 'n01000000'],
      ['val/ILSVRC2012_val_00000003.JPEG', 1, 'n02000000'],
    ]);
    expect(rows[1]!.boxes).toEqual([{ wnid: 'n01000000', xmin: 0, ymin: 1, xmax: 39, ymax: 35 }, { wnid: 'n02000000', xmin: 3, ymin: 4, xmax: 5, ymax: 6 }]);
    expect(rows[0]!.boxes).toEqual([]);
    // Colour of ID 1's image is red: the label follows the file, not the line count.
    expect((await meanRgb(rows[0]!.image))[0]).toBeGreaterThan(180);
  });

  it('rejects a wrong-ID or missing ground-truth line, naming the file and line', async () => {
    const bad = await officialTree();
    put(bad, 'devkit/data/ILSVRC2012_validation_ground_truth.txt', '1\n7\n3\n');
    await expect(ingest({ root: bad, split: 'val', out: tempDir('bad'), workers: 0, progress: false })).rejects.toThrow(
      /ILSVRC2012_validation_ground_truth\.txt:2: ILSVRC2012_ID 7 is not a class/,
    );
    put(bad, 'devkit/data/ILSVRC2012_validation_ground_truth.txt', '1\n2\n');
    await expect(ingest({ root: bad, split: 'val', out: tempDir('bad'), workers: 0, progress: false })).rejects.toThrow(
      /ILSVRC2012_validation_ground_truth\.txt:3: missing ground-truth line for ILSVRC2012_val_00000003\.JPEG/,
    );
    put(bad, 'devkit/data/ILSVRC2012_validation_ground_truth.txt', '1\n2\n3\n');
    put(bad, 'train/n05000000/n05000000_1.JPEG', await flatImage(8, 8, RED));
    await expect(ingest({ root: bad, split: 'train', out: tempDir('bad'), workers: 0, progress: false })).rejects.toThrow(/n05000000: unknown wnid 'n05000000'/);
    rmSync(join(bad, 'train/n05000000'), { recursive: true });
    put(bad, 'bbox/train/n02000000/n02000000_2.xml', '<annotation><size><width>1</width></size>\n<object></annotation>');
    await expect(ingest({ root: bad, split: 'train', out: tempDir('bad'), workers: 0, progress: false })).rejects.toThrow(/n02000000_2\.xml:2: malformed XML/);
  });

  it('writes byte-identical shards for the same input and seed, and resumes without redoing done shards', async () => {
    const a = tempDir('a');
    const b = tempDir('b');
    const ma = await ingest({ ...TRAIN_OPTS, root, out: a, workers: 2 });
    const mb = await ingest({ ...TRAIN_OPTS, root, out: b, workers: 0 });
    expect(mb.shards).toEqual(ma.shards);
    const hash = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
    for (const s of ma.shards) expect(hash(join(b, s.file))).toBe(hash(join(a, s.file)));
    // Lose shard 1 (as if killed before its done-file), tamper nothing else: only shard 1 is redone.
    rmSync(join(b, '.done', 'shard-00001.json'));
    const redone: number[] = [];
    const mc = await ingest({ ...TRAIN_OPTS, root, out: b, workers: 0, onShardDone: (s) => void redone.push(s) });
    expect(redone).toEqual([1]);
    expect(mc.shards).toEqual(ma.shards);
    expect(mc.quarantined).toEqual(ma.quarantined);
    // Another seed is another run: refused in the same directory.
    await expect(ingest({ ...TRAIN_OPTS, seed: 8, root, out: b, workers: 0 })).rejects.toThrow(/another config or input list/);
    // A corrupted shard fails verification.
    const file = join(b, ma.shards[0]!.file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20]! ^= 0xff;
    put(b, ma.shards[0]!.file, bytes);
    expect((await verifyShards(b)).map((c) => c.ok)).toEqual([false, true, true]);
  });

  it('ingests a detection split: several boxes per image, images without annotation, detection classes', async () => {
    const det = await officialTree();
    put(det, 'det/val/ILSVRC2013_val_00000001.JPEG', await flatImage(60, 40, [5, 5, 5]));
    put(det, 'det/val/ILSVRC2013_val_00000002.JPEG', await flatImage(40, 60, [9, 9, 9]));
    const two = [{ wnid: 'n03000000', xmin: 1, ymin: 2, xmax: 20, ymax: 30 }, { wnid: 'n01000000', xmin: 30, ymin: 5, xmax: 59, ymax: 39 }];
    put(det, 'det/annotations/val/ILSVRC2013_val_00000001.xml', xml('val', 'ILSVRC2013_val_00000001', 60, 40, two));
    const out = tempDir('det');
    const m = await ingest({ root: det, split: 'det-val', out, workers: 0, progress: false });
    expect(m.classes).toHaveLength(3);
    expect(m.detClasses).toEqual([{ index: 0, wnid: 'n01000000', words: 'alpha' }, { index: 2, wnid: 'n03000000', words: 'gamma' }]);
    expect(m.countsPerClass).toEqual({ n01000000: 1, n03000000: 1 });
    const rows = await readAll(out);
    expect(rows.map((r) => [r.key, r.label, r.wnid, r.boxes])).toEqual([
      ['det/val/ILSVRC2013_val_00000001.JPEG', -1, '', two],
      ['det/val/ILSVRC2013_val_00000002.JPEG', -1, '', []],
    ]);
    put(det, 'det/annotations/val/ILSVRC2013_val_00000002.xml', xml('val', 'x', 40, 60, [{ wnid: 'n07000000', xmin: 0, ymin: 0, xmax: 1, ymax: 1 }]));
    await expect(ingest({ root: det, split: 'det-val', out: tempDir('det'), workers: 0, progress: false })).rejects.toThrow(/ILSVRC2013_val_00000002\.xml: box of unknown wnid 'n07000000'/);
  });
});
