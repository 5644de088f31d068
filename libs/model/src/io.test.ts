import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGoogLeNet } from './build.js';
import { loadModel, registerFileRouters, saveModel } from './io.js';
import { LocalResponseNorm } from './lrn.js';

const SMALL = { inputSize: 64, width: 0.125, numClasses: 5 } as const;
let tmp: string;
let x: tf.Tensor;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tmp = await mkdtemp(join(tmpdir(), 'googlenet-model-io-'));
  x = tf.randomUniform([2, 64, 64, 3], -120, 120, 'float32', 11);
});
afterAll(async () => {
  x.dispose();
  await rm(tmp, { recursive: true, force: true });
});

async function logits(model: tf.LayersModel): Promise<Float32Array[]> {
  const ys = model.predict(x) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(ys) ? ys : [ys];
  const out = await Promise.all(list.map((y) => y.data() as Promise<Float32Array>));
  tf.dispose(list);
  return out;
}

describe('saveModel / loadModel', () => {
  it('round-trips to identical logits on all three heads, LRN included', async () => {
    const model = buildGoogLeNet({ ...SMALL, seed: 1 });
    const dir = join(tmp, 'a');
    await saveModel(model, dir);
    const files = await readdir(dir);
    expect(files).toContain('model.json');
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const loaded = await loadModel(dir);
    expect(loaded.getLayer('lrn1')).toBeInstanceOf(LocalResponseNorm);
    expect(loaded.outputNames).toEqual(model.outputNames);
    const [a, b] = [await logits(model), await logits(loaded)];
    expect(b).toHaveLength(3);
    a.forEach((ya, i) => expect(Buffer.from(b[i]!.buffer).equals(Buffer.from(ya.buffer))).toBe(true));
    model.dispose();
    loaded.dispose();
  });

  it("supports model.save('file://…') and tf.loadLayersModel('file://…/model.json')", async () => {
    const model = buildGoogLeNet({ ...SMALL, seed: 2, auxHeads: false });
    const dir = join(tmp, 'b');
    await model.save(`file://${dir}`);
    const loaded = await tf.loadLayersModel(`file://${join(dir, 'model.json')}`);
    const [a, b] = [await logits(model), await logits(loaded)];
    expect([...b[0]!]).toEqual([...a[0]!]);
    model.dispose();
    loaded.dispose();
  });

  it('overwrites a saved model, leaving exactly one weights file, and loads the new one', async () => {
    const dir = join(tmp, 'c');
    const first = buildGoogLeNet({ ...SMALL, seed: 3 });
    const second = buildGoogLeNet({ ...SMALL, seed: 4 });
    await saveModel(first, dir);
    await saveModel(second, dir);
    expect((await readdir(dir)).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const loaded = await loadModel(dir);
    expect([...(await logits(loaded))[0]!]).toEqual([...(await logits(second))[0]!]);
    [first, second, loaded].forEach((m) => m.dispose());
  });

  it('registers exactly one file:// router, even when asked again (as when tfjs-node brings its own)', () => {
    registerFileRouters();
    registerFileRouters();
    expect(tf.io.getSaveHandlers('file:///tmp/x')).toHaveLength(1);
    expect(tf.io.getLoadHandlers('file:///tmp/x')).toHaveLength(1);
  });

  it('names the file and the problem on bad input', async () => {
    await expect(loadModel(join(tmp, 'missing'))).rejects.toThrow(/missing[/\\]model\.json: cannot read model JSON/);
    const bad = join(tmp, 'bad');
    const model = buildGoogLeNet({ ...SMALL, seed: 5 });
    await saveModel(model, bad);
    model.dispose();
    const weights = (await readdir(bad)).find((f) => f.endsWith('.bin'))!;
    await truncate(join(bad, weights), 100);
    await expect(loadModel(bad)).rejects.toThrow(/weights hold 100 bytes but model\.json describes \d+/);
    await writeFile(join(bad, 'model.json'), '{"modelTopology": ');
    await expect(loadModel(bad)).rejects.toThrow(/bad[/\\]model\.json: cannot read model JSON/);
    await writeFile(join(bad, 'model.json'), '{"hello": 1}');
    await expect(loadModel(bad)).rejects.toThrow(/not a TensorFlow\.js layers model/);
  });
});
