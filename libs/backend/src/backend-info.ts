/** The backends this project can run on, fastest first. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** npm package that provides each backend. */
export const BACKEND_PACKAGE: Record<BackendName, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

/** Name tfjs registers each backend under (both tfjs-node packages register 'tensorflow'). */
export const TF_BACKEND_NAME: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** Key in `BackendInfo.reasons` explaining a wasm thread count below the cores (not a backend). */
export const WASM_THREADS_REASON = 'wasm-threads';

export interface BackendInfo {
  name: BackendName;
  /** What `tf.getBackend()` returns. */
  tfBackend: string;
  package: string;
  version: string;
  /** Compute threads (1 for cpu; libtensorflow's own pool is reported as 0 = "decided by TF"). */
  threads: number;
  multithreaded: boolean;
  /** Why each backend that does not run was skipped. */
  reasons: Record<string, string>;
}

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value);
}

/** One line for logs and the report, e.g. "wasm (@tensorflow/tfjs-backend-wasm 4.22.0, 2 threads)". */
export function describeBackend(info: BackendInfo): string {
  const threads =
    info.name === 'wasm'
      ? `, ${info.threads} thread${info.threads === 1 ? '' : 's'}${info.multithreaded ? ' (multithreaded)' : ''}`
      : '';
  const skipped = Object.entries(info.reasons)
    .filter(([name]) => name !== WASM_THREADS_REASON)
    .map(([name, why]) => `${name}: ${why}`);
  const threadsWhy = info.reasons[WASM_THREADS_REASON];
  return (
    `backend ${info.name} (${info.package} ${info.version}${threads})` +
    (threadsWhy != null ? `; ${threadsWhy}` : '') +
    (skipped.length > 0 ? `; skipped ${skipped.join('; ')}` : '')
  );
}
