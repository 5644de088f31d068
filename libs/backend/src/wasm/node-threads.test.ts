import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const probe = fileURLToPath(new URL('../testing/threads-probe.ts', import.meta.url));

interface Fingerprint {
  sha256: string;
  length: number;
  sumAbs: number;
}
interface ProbeResult {
  threads: number;
  multithreaded: boolean;
  conv: Fingerprint;
  gradients: Fingerprint[];
}

/** Each run is a fresh process: emscripten's module can start only once per process. */
function runProbe(env: Record<string, string>): ProbeResult {
  const out = execFileSync(process.execPath, [tsx, probe], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ProbeResult;
}

describe('multithreaded wasm in Node', () => {
  it('starts 2 threads, exits cleanly and gives bit-identical results to 1 thread', () => {
    const single = runProbe({ GOOGLENET_WASM_MT: '0' });
    const multi = runProbe({ GOOGLENET_WASM_MT: '1', GOOGLENET_WASM_THREADS: '2' });
    expect(single).toMatchObject({ threads: 1, multithreaded: false });
    expect(multi).toMatchObject({ threads: 2, multithreaded: true });
    expect(multi.conv.length).toBe(4 * 20 * 20 * 32);
    expect(multi.conv.sumAbs).toBeGreaterThan(0);
    expect(multi.gradients.length).toBe(22);
    expect(multi.conv).toEqual(single.conv);
    expect(multi.gradients).toEqual(single.gradients);
  });
});
