import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@googlenet/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGoogLeNet } from './build.js';

/** selectBackend logs its decision; tests keep stderr clean. */
const quiet = (_line: string): void => undefined;
const SMALL = { inputSize: 64, width: 0.25, numClasses: 10, seed: 9 } as const;

/** Forward pass on the current backend: all three heads' logits, leaving no tensor behind. */
function forward(): { logits: Float32Array[]; leaked: number } {
  const model = buildGoogLeNet(SMALL);
  const x = tf.randomUniform([2, 64, 64, 3], -120, 120, 'float32', 21);
  const before = tf.memory().numTensors;
  const ys = model.predict(x) as tf.Tensor[];
  const logits = ys.map((y) => y.dataSync() as Float32Array);
  tf.dispose(ys);
  const leaked = tf.memory().numTensors - before;
  x.dispose();
  model.dispose();
  return { logits, leaked };
}

describe('forward pass on the backends libs/backend offers', () => {
  afterAll(async () => {
    await selectBackend({ prefer: 'cpu', log: quiet });
  });

  it('gives the same logits on wasm as on cpu (LRN, 5×5 convs, pools, concat, dense)', async () => {
    await selectBackend({ prefer: 'cpu', log: quiet });
    const cpu = forward();
    await selectBackend({ prefer: 'wasm', log: quiet });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = forward();
    expect(cpu.leaked).toBe(0);
    expect(wasm.leaked).toBe(0);
    expect(wasm.logits).toHaveLength(3);
    cpu.logits.forEach((c, head) => {
      const w = wasm.logits[head]!;
      expect(w).toHaveLength(20);
      const scale = Math.max(...c.map(Math.abs));
      // Float32 summation order differs between kernels; agreement to 1e-4 of the logit scale.
      c.forEach((v, i) => expect(Math.abs(v - w[i]!)).toBeLessThan(1e-4 * scale + 1e-5));
    });
  });
});
