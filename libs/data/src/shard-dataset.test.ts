import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRgb, encodeShard, ShardDataset, type ImageRecord, type SplitManifest } from './index.js';
import { put, tempDir } from './test-fixtures.js';

/** A split of 2 shards (7 and 3 rows, batches of 3) written straight from records. */
function record(i: number): ImageRecord {
  return {
    key: `train/n0${i % 3}000000/img_${i}.JPEG`,
    label: i % 3,
    wnid: `n0${i % 3}000000`,
    width: 100 + i,
    height: 50 + i,
    storedWidth: 10 + i,
    storedHeight: 5 + i,
    image: Uint8Array.from({ length: 5 + i }, (_, k) => (i * 31 + k) & 0xff),
    boxes: Array.from({ length: i % 3 }, (_, b) => ({ wnid: `n0${b}000000`, xmin: i, ymin: b, xmax: i + 10, ymax: b + 20 })),
    format: i % 2 ? 'png' : 'jpeg',
    space: i === 4 ? 'cmyk' : 'srgb',
    channels: i === 4 ? 4 : 3,
  };
}

let dir: string;
const records = Array.from({ length: 10 }, (_, i) => record(i));

beforeAll(() => {
  dir = tempDir('dataset');
  const shards = [records.slice(0, 7), records.slice(7)].map((rows, s) => {
    const { bytes, batchRows } = encodeShard(rows, 3);
    put(dir, `shard-${s}.arrow`, bytes);
    return { file: `shard-${s}.arrow`, rows: rows.length, batchRows, bytes: bytes.length, sha256: '' };
  });
  const manifest: Partial<SplitManifest> = { version: 1, split: 'train', numRows: 10, classes: [], shards };
  put(dir, 'manifest.json', JSON.stringify(manifest));
});

describe('ShardDataset', () => {
  it('reads back exactly what was written, by row and by batch', async () => {
    const ds = await ShardDataset.open(dir);
    expect(ds.numRows).toBe(10);
    expect(ds.numBatches).toBe(4); // 7 rows → 3+3+1, 3 rows → 3
    expect(ds.manifest.shards.map((s) => s.batchRows)).toEqual([[3, 3, 1], [3]]);
    for (let i = 0; i < 10; i++) expect(await ds.get(i)).toEqual(records[i]);
    expect(ds.locate(6)).toEqual({ shard: 0, batch: 2, row: 0 });
    expect(ds.locate(8)).toEqual({ shard: 1, batch: 0, row: 1 });
    expect((await ds.readRecordBatch(0, 1)).map((r) => r.key)).toEqual(records.slice(3, 6).map((r) => r.key));
    const streamed: ImageRecord[] = [];
    for await (const r of ds.rows()) streamed.push(r);
    expect(streamed).toEqual(records);
    const picked: string[] = [];
    for await (const r of ds.rows([9, 0, 4])) picked.push(r.key);
    expect(picked).toEqual([records[9]!.key, records[0]!.key, records[4]!.key]);
    expect(() => ds.locate(10)).toThrow(/row 10 is out of range \[0, 10\)/);
    await expect(ds.readRecordBatch(1, 1)).rejects.toThrow(/no record batch 1 in shard 1/);
    await ds.close();
  });

  it('shuffles deterministically per (seed, epoch), within windows of batches', async () => {
    const ds = await ShardDataset.open(dir, { shuffleWindowBatches: 2 });
    const a = ds.shuffledOrder(5, 0);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ds.shuffledOrder(5, 0)).toEqual(a);
    expect(ds.shuffledOrder(5, 1)).not.toEqual(a);
    expect(ds.shuffledOrder(6, 0)).not.toEqual(a);
    // Batches hold rows [0,3), [3,6), [6,7), [7,10). With windows of 2 batches, the first rows of
    // the order must be exactly the rows of some pair of batches (so streaming reads each batch once).
    const batchRows = [[0, 1, 2], [3, 4, 5], [6], [7, 8, 9]];
    const pairs = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]].map(([p, q]) => [...batchRows[p]!, ...batchRows[q]!].sort((x, y) => x - y));
    const firstWindow = pairs.find((rows) => JSON.stringify([...a.slice(0, rows.length)].sort((x, y) => x - y)) === JSON.stringify(rows));
    expect(firstWindow).toBeDefined();
    await ds.close();
  });

  it('refuses a directory without a manifest, naming it', async () => {
    await expect(ShardDataset.open(join(dir, 'nope'))).rejects.toThrow(/nope\/manifest\.json: cannot read the split manifest/);
    await expect(decodeRgb(Uint8Array.from([1, 2, 3]), 'row 5')).rejects.toThrow(/^row 5: cannot decode/);
  });
});
