import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelJob } from './core.mjs';
import { AugmentPool, workerTask } from './pool.js';

let jpegs: Uint8Array[];
const job = (i: number): KernelJob => ({
  crop: { left: i, top: 2, width: 30 - i, height: 20 },
  interpolation: (['nearest', 'bilinear', 'area', 'cubic'] as const)[i % 4]!,
  flip: i % 2 === 1,
  brightness: 1 + 0.05 * i,
  contrast: 0.9,
  saturation: 1.1,
  add: [-120, -110, -100],
  sizePx: 12,
});
const perImage = 12 * 12 * 3;

beforeAll(async () => {
  jpegs = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const raw = Buffer.alloc(32 * 24 * 3);
      for (let p = 0; p < raw.length; p++) raw[p] = (p * (i + 3) + i * 17) & 255;
      return new Uint8Array(await sharp(raw, { raw: { width: 32, height: 24, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
    }),
  );
});

const pools: AugmentPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

async function runAll(workers: number): Promise<Float32Array> {
  const pool = new AugmentPool(workers);
  pools.push(pool);
  const out = pool.batchBuffer(jpegs.length * perImage);
  await Promise.all(jpegs.map((j, i) => pool.run(j, job(i), out, i * perImage)));
  return out;
}

describe('AugmentPool', () => {
  it('worker threads write the same pixels as the calling thread', async () => {
    const local = await runAll(0);
    const two = await runAll(2);
    expect(two.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(two)).toEqual(Array.from(local));
    // every slot was written (the kernel's output has no −999-like gaps: all finite, some non-zero)
    for (let i = 0; i < jpegs.length; i++) expect(local.subarray(i * perImage, (i + 1) * perImage).some((v) => v !== 0)).toBe(true);
  });

  it("a worker's error rejects that job with its message; the pool goes on", async () => {
    const pool = new AugmentPool(1);
    pools.push(pool);
    const out = pool.batchBuffer(2 * perImage);
    await expect(pool.run(Uint8Array.from([1, 2, 3]), job(0), out, 0)).rejects.toThrow(/./);
    await expect(pool.run(jpegs[0]!, { ...job(0), expectWidth: 99, expectHeight: 24 }, out, 0)).rejects.toThrow(/record says 99×24/);
    await pool.run(jpegs[1]!, job(1), out, perImage);
    expect(out.subarray(perImage).some((v) => v !== 0)).toBe(true);
    expect(() => pool.run(jpegs[0]!, job(0), new Float32Array(perImage), 0)).toThrow(/batchBuffer/);
  });

  it("sends a worker only the image's bytes, not the record batch behind a view", async () => {
    const batch = new Uint8Array(8 * 2 ** 20); // a shard's record batch
    batch.set(jpegs[0]!, 4096);
    const view = batch.subarray(4096, 4096 + jpegs[0]!.length);
    const task = workerTask(view, job(0), new Float32Array(0), 0);
    expect(task.encoded.buffer.byteLength).toBe(jpegs[0]!.length);
    expect(Array.from(task.encoded)).toEqual(Array.from(jpegs[0]!));
    expect(view.byteLength).toBe(jpegs[0]!.length); // the caller's view stays intact after the transfer
    const pool = new AugmentPool(1);
    pools.push(pool);
    const out = pool.batchBuffer(perImage);
    await pool.run(view, job(0), out, 0);
    const local = await runAll(0);
    expect(Array.from(out)).toEqual(Array.from(local.subarray(0, perImage)));
    expect(view.byteLength).toBe(jpegs[0]!.length);
  });

  it('after close() it refuses work', async () => {
    const pool = new AugmentPool(1);
    await pool.close();
    await expect(pool.run(jpegs[0]!, job(0), pool.batchBuffer(perImage), 0)).rejects.toThrow(/closed/);
  });
});
