import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { describeBackend, type BackendInfo } from './backend-info.js';
import { selectBackend } from './select-backend.js';
import { wasmThreadOptionsFromEnv } from './wasm/init-wasm.js';

const require = createRequire(import.meta.url);
const installed = (pkg: string) => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
const ENV_KEYS = ['GOOGLENET_BACKEND', 'GOOGLENET_WASM_MT', 'GOOGLENET_WASM_THREADS'];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

describe('selectBackend', () => {
  it('runs the fastest backend present and says why the faster ones were skipped', async () => {
    delete process.env['GOOGLENET_BACKEND'];
    const lines: string[] = [];
    const info = await selectBackend({ log: (l) => lines.push(l) });
    const gpu = installed('@tensorflow/tfjs-node-gpu');
    const node = installed('@tensorflow/tfjs-node');
    if (!gpu && !node) {
      // This machine: no libtensorflow packages, so wasm runs.
      expect(info.name).toBe('wasm');
      expect(info.reasons['tensorflow-gpu']).toBe("Cannot find module '@tensorflow/tfjs-node-gpu'");
      expect(info.reasons['tensorflow']).toBe("Cannot find module '@tensorflow/tfjs-node'");
      expect(info.version).toBe('4.22.0');
    }
    expect(tf.getBackend()).toBe(info.tfBackend);
    expect(lines).toEqual([describeBackend(info)]);
    expect(await selectBackend({ log: (l) => lines.push(l) })).toBe(info);
    expect(lines.length).toBe(1); // the second call changed nothing and logged nothing
  });

  it('switches when another backend is asked for, by option or by GOOGLENET_BACKEND', async () => {
    const cpu = await selectBackend({ prefer: 'cpu', log: () => undefined });
    expect(cpu).toMatchObject({ name: 'cpu', tfBackend: 'cpu', threads: 1, multithreaded: false });
    expect(tf.getBackend()).toBe('cpu');
    expect(cpu.reasons['wasm']).toBe('not asked for (cpu was)');
    process.env['GOOGLENET_BACKEND'] = 'wasm';
    const wasm = await selectBackend({ log: () => undefined });
    expect(wasm.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('fails clearly when the backend asked for is missing or unknown', async () => {
    if (!installed('@tensorflow/tfjs-node')) {
      await expect(selectBackend({ prefer: 'tensorflow', log: () => undefined })).rejects.toThrow(
        "backend 'tensorflow' was asked for but could not start: tensorflow-gpu: not asked for (tensorflow was); " +
          "wasm: not asked for (tensorflow was); cpu: not asked for (tensorflow was); tensorflow: Cannot find module '@tensorflow/tfjs-node'",
      );
    }
    process.env['GOOGLENET_BACKEND'] = 'gpu';
    await expect(selectBackend({ log: () => undefined })).rejects.toThrow(
      "GOOGLENET_BACKEND='gpu' is not one of tensorflow-gpu, tensorflow, wasm, cpu",
    );
  });
});

describe('wasm thread options', () => {
  it('GOOGLENET_WASM_MT=0 turns threading off; GOOGLENET_WASM_THREADS sets the count', () => {
    process.env['GOOGLENET_WASM_MT'] = '0';
    process.env['GOOGLENET_WASM_THREADS'] = '4';
    expect(wasmThreadOptionsFromEnv({})).toEqual({ multithread: false, threads: 1 });
    process.env['GOOGLENET_WASM_MT'] = '1';
    expect(wasmThreadOptionsFromEnv({})).toEqual({ multithread: true, threads: 4 });
    expect(wasmThreadOptionsFromEnv({ threads: 1 })).toEqual({ multithread: false, threads: 1 });
    expect(wasmThreadOptionsFromEnv({ multithread: false })).toEqual({ multithread: false, threads: 1 });
  });

  it('by default uses the cores others leave idle, and says so when that is fewer than all', () => {
    delete process.env['GOOGLENET_WASM_MT'];
    delete process.env['GOOGLENET_WASM_THREADS'];
    expect(wasmThreadOptionsFromEnv({}, { cores: 2, load1: 0.3 })).toEqual({ multithread: true, threads: 2 });
    expect(wasmThreadOptionsFromEnv({}, { cores: 2, load1: 9.2 })).toEqual({
      multithread: false,
      threads: 1,
      note: '1 thread: machine busy (load 9.2 on 2 cores); GOOGLENET_WASM_THREADS=N overrides',
    });
    // 8 cores, load 3.4 → round(4.6) = 5 idle cores.
    expect(wasmThreadOptionsFromEnv({}, { cores: 8, load1: 3.4 })).toMatchObject({ multithread: true, threads: 5 });
    // An explicit count wins over the load.
    expect(wasmThreadOptionsFromEnv({ threads: 2 }, { cores: 2, load1: 9.2 })).toEqual({ multithread: true, threads: 2 });
  });

  it('rejects a thread count that is not a positive integer', () => {
    process.env['GOOGLENET_WASM_THREADS'] = 'two';
    expect(() => wasmThreadOptionsFromEnv({})).toThrow("GOOGLENET_WASM_THREADS / threads must be a positive integer (got 'two')");
  });
});

describe('describeBackend', () => {
  it('puts the thread-count reason apart from the skipped backends', () => {
    const info: BackendInfo = {
      name: 'wasm',
      tfBackend: 'wasm',
      package: '@tensorflow/tfjs-backend-wasm',
      version: '4.22.0',
      threads: 1,
      multithreaded: false,
      reasons: { 'wasm-threads': '1 thread: machine busy', cpu: 'not asked for (wasm was)' },
    };
    expect(describeBackend(info)).toBe(
      'backend wasm (@tensorflow/tfjs-backend-wasm 4.22.0, 1 thread); 1 thread: machine busy; skipped cpu: not asked for (wasm was)',
    );
  });

  it('names the package, version, threads and the skipped backends', () => {
    const info: BackendInfo = {
      name: 'wasm',
      tfBackend: 'wasm',
      package: '@tensorflow/tfjs-backend-wasm',
      version: '4.22.0',
      threads: 2,
      multithreaded: true,
      reasons: { tensorflow: "Cannot find module '@tensorflow/tfjs-node'" },
    };
    expect(describeBackend(info)).toBe(
      "backend wasm (@tensorflow/tfjs-backend-wasm 4.22.0, 2 threads (multithreaded)); skipped tensorflow: Cannot find module '@tensorflow/tfjs-node'",
    );
  });
});
