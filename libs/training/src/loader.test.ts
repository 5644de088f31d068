import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT } from './augment/config.js';
import { BatchLoader, epochOrder, type LoaderOptions } from './loader.js';
import { arraySource, type ImageSource } from './source.js';

let source: ImageSource;
beforeAll(async () => {
  // 6 flat images whose red channel encodes their row: 10, 20, ..., 60.
  const images = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => ({
      image: new Uint8Array(await sharp({ create: { width: 20, height: 16, channels: 3, background: { r: 10 * (i + 1), g: 0, b: 0 } } }).png().toBuffer()),
      label: i % 3,
    })),
  );
  source = arraySource(images, 3, 'six-images');
});

const opts = (o: Partial<LoaderOptions> = {}): LoaderOptions => ({
  batchSize: 2,
  imagesPerEpoch: 6,
  seed: 5,
  inputSizePx: 4,
  augment: { ...DEFAULT_AUGMENT, brightness: 0, contrast: 0, saturation: 0, pcaLightingStd: 0 },
  meanRgb: [0, 0, 0],
  prefetchBatches: 2,
  startEpoch: 0,
  startIndexInEpoch: 0,
  ...o,
});
const rowOf = (b: { pixels: Float32Array }, i: number) => Math.round(b.pixels[i * 4 * 4 * 3]! / 10) - 1;

describe('BatchLoader', () => {
  it('streams the seeded per-epoch order, in order, across epochs', async () => {
    const loader = new BatchLoader(source, opts());
    const rows: number[] = [];
    const labels: number[] = [];
    for (let k = 0; k < 6; k++) {
      const b = await loader.next();
      expect(b.epoch).toBe(Math.floor(k / 3));
      expect(b.indexInEpoch).toBe((k % 3) * 2);
      rows.push(rowOf(b, 0), rowOf(b, 1));
      labels.push(...b.labels);
    }
    await loader.close();
    const expected = [...epochOrder(6, 5, 0), ...epochOrder(6, 5, 1)];
    expect(rows).toEqual(expected);
    expect(labels).toEqual(expected.map((r) => r % 3));
    expect(epochOrder(6, 5, 0)).not.toEqual(epochOrder(6, 5, 1));
    expect([...epochOrder(6, 5, 0)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('started at a cursor it yields exactly what the uninterrupted stream yields there', async () => {
    const full = new BatchLoader(source, opts({ augment: DEFAULT_AUGMENT }));
    const seen = [];
    for (let k = 0; k < 5; k++) seen.push(await full.next());
    await full.close();
    const resumed = new BatchLoader(source, opts({ augment: DEFAULT_AUGMENT, startEpoch: 1, startIndexInEpoch: 2 }));
    const b = await resumed.next();
    await resumed.close();
    expect(b.epoch).toBe(1);
    expect(b.pixels).toEqual(seen[4]!.pixels);
    expect(b.labels).toEqual(seen[4]!.labels);
  });

  it('gives the same batches with 0, 1 or 2 worker threads', async () => {
    const batches = [];
    for (const workers of [0, 1, 2]) {
      const loader = new BatchLoader(source, opts({ augment: DEFAULT_AUGMENT, workers }));
      expect(loader.workers).toBe(workers);
      const got = [];
      for (let k = 0; k < 4; k++) got.push(Array.from((await loader.next()).pixels));
      await loader.close();
      batches.push(got);
    }
    expect(batches[1]).toEqual(batches[0]);
    expect(batches[2]).toEqual(batches[0]);
  });

  it('reuses released batch buffers without changing what comes out', async () => {
    const fresh = new BatchLoader(source, opts({ augment: DEFAULT_AUGMENT, workers: 1 }));
    const want = [];
    for (let k = 0; k < 6; k++) want.push(Array.from((await fresh.next()).pixels));
    await fresh.close();
    const recycling = new BatchLoader(source, opts({ augment: DEFAULT_AUGMENT, workers: 1, prefetchBatches: 1 }));
    const buffers = new Set<ArrayBufferLike>();
    for (let k = 0; k < 6; k++) {
      const b = await recycling.next();
      expect(Array.from(b.pixels), `batch ${k}`).toEqual(want[k]);
      buffers.add(b.pixels.buffer);
      b.release();
      b.release(); // twice is harmless
    }
    await recycling.close();
    expect(buffers.size).toBeLessThan(6);
  });

  it('names the source and row of a bad image or label', async () => {
    const bad = arraySource([{ image: Uint8Array.from([1, 2, 3]), label: 0 }], 2, 'broken-shards');
    const l1 = new BatchLoader(bad, opts({ batchSize: 1, imagesPerEpoch: 1 }));
    await expect(l1.next()).rejects.toThrow(/broken-shards: row 0: cannot decode\/augment image/);
    await l1.close();
    const img = (await (source.get(0) as Promise<{ image: Uint8Array }> | { image: Uint8Array })) as { image: Uint8Array };
    const wrong = arraySource([{ image: img.image, label: 7 }], 2, 'bad-labels');
    const l2 = new BatchLoader(wrong, opts({ batchSize: 1, imagesPerEpoch: 1 }));
    await expect(l2.next()).rejects.toThrow(/bad-labels: row 0: label 7 outside \[0, 2\)/);
    await l2.close();
  });
});
