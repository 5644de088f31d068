import { describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool.js';

const pool = (workers: number) =>
  new WorkerPool<number | 'exit', number>({
    name: 'test worker',
    workers,
    script: new URL('./worker-pool.fixture.mjs', import.meta.url),
    inFlightPerWorker: 2,
    runLocal: async (t) => {
      if (t === 'exit' || t < 0) throw new Error(`negative: ${t}`);
      return t * 2;
    },
  });

describe('WorkerPool', () => {
  it('returns each task its own result, on workers and on the calling thread', async () => {
    for (const workers of [0, 1, 3]) {
      const p = pool(workers);
      const tasks = Array.from({ length: 20 }, (_, i) => i);
      expect(await Promise.all(tasks.map((t) => p.run(t)))).toEqual(tasks.map((t) => t * 2));
      await p.close();
    }
  });

  it("a task's error rejects that task only", async () => {
    const p = pool(2);
    const results = await Promise.allSettled([p.run(1), p.run(-5), p.run(4)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('negative: -5');
    await p.close();
  });

  it('a worker that exits fails the pending tasks and the pool, naming the worker', async () => {
    const p = pool(1);
    const pending = p.run(7);
    await expect(p.run('exit')).rejects.toThrow(/test worker 0 exited with code 3/);
    await pending.catch(() => undefined);
    await expect(p.run(1)).rejects.toThrow(/exited with code 3/);
    await p.close();
  });

  it('refuses work after close(), and rejects a bad worker count', async () => {
    const p = pool(1);
    await p.close();
    await expect(p.run(1)).rejects.toThrow(/closed/);
    expect(() => pool(-1)).toThrow(/non-negative integer/);
  });
});
