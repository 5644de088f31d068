import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import {
  BACKEND_ORDER,
  BACKEND_PACKAGE,
  TF_BACKEND_NAME,
  WASM_THREADS_REASON,
  describeBackend,
  isBackendName,
  type BackendInfo,
  type BackendName,
} from './backend-info.js';
import { initWasm, wasmThreadOptionsFromEnv } from './wasm/init-wasm.js';

export interface SelectBackendOptions {
  /** Run this backend or fail (default: env GOOGLENET_BACKEND, else the fastest present). */
  prefer?: BackendName;
  /** WASM only: use the multithreaded build (default: env GOOGLENET_WASM_MT, else on where proven). */
  multithread?: boolean;
  /** WASM only: thread count (default: env GOOGLENET_WASM_THREADS, else all cores). */
  threads?: number;
  /** Where the one-line decision goes (default: stderr, so stdout stays machine-readable). */
  log?: (line: string) => void;
}

const require = createRequire(import.meta.url);
let current: BackendInfo | null = null;

/**
 * Makes tfjs run on the fastest backend present (tfjs-node-gpu → tfjs-node → wasm → cpu) or on the
 * one asked for, and says which and why. A second call returns the same info unless another
 * backend is asked for.
 */
export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendInfo> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const prefer = opts.prefer ?? preferFromEnv();
  if (current != null && (prefer == null || prefer === current.name) && tf.getBackend() === current.tfBackend) {
    return current;
  }
  const candidates = prefer != null ? [prefer] : BACKEND_ORDER;
  const reasons: Record<string, string> = {};
  if (prefer != null) {
    for (const name of BACKEND_ORDER) if (name !== prefer) reasons[name] = `not asked for (${prefer} was)`;
  }
  for (const name of candidates) {
    try {
      const info = await activate(name, opts, reasons);
      current = info;
      log(describeBackend(info));
      return info;
    } catch (error) {
      reasons[name] = firstLine(error);
    }
  }
  const asked = prefer != null ? `backend '${prefer}' was asked for but ` : 'no backend ';
  throw new Error(`backend: ${asked}could not start: ${describeReasons(reasons)}`);
}

/** The backend chosen by the last `selectBackend`, or null. */
export function currentBackend(): BackendInfo | null {
  return current;
}

function preferFromEnv(): BackendName | undefined {
  const value = process.env['GOOGLENET_BACKEND'];
  if (value == null || value === '') return undefined;
  if (!isBackendName(value)) {
    throw new Error(`backend: GOOGLENET_BACKEND='${value}' is not one of ${BACKEND_ORDER.join(', ')}`);
  }
  return value;
}

async function activate(
  name: BackendName,
  opts: SelectBackendOptions,
  reasons: Record<string, string>,
): Promise<BackendInfo> {
  const pkg = BACKEND_PACKAGE[name];
  const base = { name, tfBackend: TF_BACKEND_NAME[name], package: pkg, reasons: { ...reasons } };
  if (name === 'wasm') {
    const threadOptions = wasmThreadOptionsFromEnv(opts);
    const wasm = await initWasm(threadOptions);
    if (wasm.threadsNote != null) base.reasons[WASM_THREADS_REASON] = wasm.threadsNote;
    return { ...base, version: packageVersion(pkg), threads: wasm.threads, multithreaded: wasm.multithreaded };
  }
  if (name === 'cpu') {
    await setBackendOrThrow('cpu');
    return { ...base, version: tf.version_core, threads: 1, multithreaded: false };
  }
  // tfjs-node(-gpu): loading it registers the 'tensorflow' backend (and fails without libtensorflow).
  require(pkg);
  await setBackendOrThrow('tensorflow');
  return { ...base, version: packageVersion(pkg), threads: 0, multithreaded: true };
}

export async function setBackendOrThrow(tfBackend: string): Promise<void> {
  const ok = await tf.setBackend(tfBackend);
  if (!ok) throw new Error(`tf.setBackend('${tfBackend}') failed to initialise`);
  await tf.ready();
}

function packageVersion(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function describeReasons(reasons: Record<string, string>): string {
  return Object.entries(reasons)
    .map(([name, why]) => `${name}: ${why}`)
    .join('; ');
}
