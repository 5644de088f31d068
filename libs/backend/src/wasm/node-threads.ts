/**
 * Multithreaded tfjs-backend-wasm under Node (tfjs issue #3830), for tfjs 4.22.0 exactly.
 *
 * tfjs turns threads off in Node because its emscripten pthread workers are made from blob:
 * URLs, which Node's Worker rejects, and because the worker re-evaluates the factory's source,
 * which refers to variables of the CommonJS bundle (require$$0, commonjsGlobal, tslib helpers...)
 * that do not exist in the worker. During initialisation we therefore:
 *  - record the text of each Blob tfjs makes (the worker script and the factory source),
 *  - let Node's Worker start from that text written to a temp file instead of the blob: URL,
 *  - hand the worker a "main script" file that defines the missing bundle variables first,
 *  - lift the cap of half the logical cores (the C++ side limits the pool to
 *    emscripten_num_logical_cores() / 2, which reads os.cpus()) so `threads` threads start.
 * Everything is undone when initialisation ends. The test in node-threads.test.ts proves it
 * works and gives the same numbers as one thread.
 */
import * as tf from '@tensorflow/tfjs';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { sha256 } from '@googlenet/util';

const require = createRequire(import.meta.url);

/** Whether multithreaded WASM is on by default (set from the evidence in node-threads.test.ts). */
export const NODE_WASM_THREADS_PROVEN = true;

/** Variables of the tfjs-backend-wasm CommonJS bundle that the threaded factory's source uses. */
function bundlePrelude(): string {
  const wasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return [
    'var require$$0 = require("fs"), require$$1 = require("path"), require$$3 = require("perf_hooks"), require$$4 = require("os");',
    'var commonjsGlobal = globalThis;',
    `var __dirname = ${JSON.stringify(wasmDist)}, __filename = ${JSON.stringify(join(wasmDist, 'tf-backend-wasm.node.js'))};`,
    'var _scriptDir = undefined;',
    // tslib's helpers, as the bundle defines them.
    'function __values(o) { var s = typeof Symbol === "function" && Symbol.iterator, m = s && o[s], i = 0; if (m) return m.call(o);' +
      ' if (o && typeof o.length === "number") return { next: function () { if (o && i >= o.length) o = void 0; return { value: o && o[i++], done: !o }; } };' +
      ' throw new TypeError(s ? "Object is not iterable." : "Symbol.iterator is not defined."); }',
    'function __read(o, n) { var m = typeof Symbol === "function" && o[Symbol.iterator]; if (!m) return o; var i = m.call(o), r, ar = [], e;' +
      ' try { while ((n === void 0 || n-- > 0) && !(r = i.next()).done) ar.push(r.value); } catch (error) { e = { error: error }; }' +
      ' finally { try { if (r && !r.done && (m = i["return"])) m.call(i); } finally { if (e) throw e.error; } } return ar; }',
    'function __spreadArray(to, from, pack) { if (pack || arguments.length === 2) for (var i = 0, l = from.length, ar; i < l; i++) {' +
      ' if (ar || !(i in from)) { if (!ar) ar = Array.prototype.slice.call(from, 0, i); ar[i] = from[i]; } }' +
      ' return to.concat(ar || Array.prototype.slice.call(from)); }',
    '',
  ].join('\n');
}

/**
 * Writes `text` to a content-addressed temp file (.cjs: the worker code is CommonJS), atomically:
 * other processes may be starting their workers from the same file at the same moment.
 */
function scriptFile(text: string, kind: string): string {
  const dir = join(tmpdir(), 'googlenet-tfjs-wasm-threads');
  const path = join(dir, `${kind}-${sha256(text).slice(0, 16)}.cjs`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
  return path;
}

type WorkerThreads = typeof import('node:worker_threads');

/**
 * Makes the next wasm backend initialisation load the threaded build under Node. Returns a
 * function that removes the patches; call it once `tf.setBackend('wasm')` has resolved.
 */
export function enableNodeWasmThreads(threads: number): () => void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  const blobTexts = new WeakMap<Blob, string>();
  const urlTexts = new Map<string, string>();

  const OriginalBlob = globalThis.Blob;
  class RecordingBlob extends OriginalBlob {
    constructor(...args: ConstructorParameters<typeof Blob>) {
      super(...args);
      const parts = args[0];
      if (parts?.every((p) => typeof p === 'string')) blobTexts.set(this, parts.join(''));
    }
  }
  const originalCreateObjectURL = URL.createObjectURL;
  const recordingCreateObjectURL = (blob: Blob): string => {
    const url = originalCreateObjectURL.call(URL, blob);
    const text = blobTexts.get(blob);
    if (text != null) urlTexts.set(url, text);
    return url;
  };

  const workerThreads = require('node:worker_threads') as WorkerThreads;
  const OriginalWorker = workerThreads.Worker;
  const prelude = bundlePrelude();
  const workers: import('node:worker_threads').Worker[] = [];
  class FileWorker extends OriginalWorker {
    constructor(filename: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      const text = typeof filename === 'string' ? urlTexts.get(filename) : undefined;
      super(text != null ? scriptFile(text, 'worker') : filename, options);
      workers.push(this);
    }
    override postMessage(message: unknown, transfer?: readonly import('node:worker_threads').TransferListItem[]): void {
      const load = message as { cmd?: string; urlOrBlob?: unknown } | null;
      if (load?.cmd === 'load' && load.urlOrBlob instanceof OriginalBlob) {
        const text = blobTexts.get(load.urlOrBlob);
        if (text == null) throw new Error('backend: wasm thread start: unknown main script blob');
        message = { ...load, urlOrBlob: scriptFile(prelude + text, 'main') };
      }
      super.postMessage(message, transfer);
    }
  }

  const os = require('node:os') as typeof import('node:os');
  const originalCpus = os.cpus;
  const cpus = originalCpus();
  const doubledCpus = () => Array.from({ length: Math.max(cpus.length, 2 * threads) }, (_, i) => cpus[i % cpus.length] as (typeof cpus)[number]);

  globalThis.Blob = RecordingBlob;
  os.cpus = doubledCpus;
  URL.createObjectURL = recordingCreateObjectURL;
  workerThreads.Worker = FileWorker;
  return () => {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = originalCreateObjectURL;
    workerThreads.Worker = OriginalWorker;
    os.cpus = originalCpus;
    // Once started, the pool's workers must not keep Node alive: the main thread blocks in wasm
    // while they compute, so nothing waits on them asynchronously.
    for (const worker of workers) worker.unref();
  };
}
