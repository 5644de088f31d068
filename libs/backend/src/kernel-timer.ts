import * as tf from '@tensorflow/tfjs';

export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
}

/**
 * Times every kernel of `backendName` ("where the time goes"). Wraps each registered kernel;
 * a kernel called from inside another (our wasm kernels call Conv2D) counts toward its caller
 * only, so the times add up to the total kernel time. Synchronous backends only (cpu, wasm).
 * Call `stop()` to restore the original kernels and get the table, slowest first.
 */
export function startKernelTimer(backendName: string): { stop(): KernelTime[] } {
  const originals = tf.getKernelsForBackend(backendName);
  const times = new Map<string, KernelTime>();
  let depth = 0;
  for (const config of originals) {
    const inner = config.kernelFunc;
    const kernelName = config.kernelName;
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        if (depth > 0) return inner(args);
        depth++;
        const start = performance.now();
        try {
          return inner(args);
        } finally {
          depth--;
          const entry = times.get(kernelName) ?? { kernel: kernelName, calls: 0, ms: 0 };
          entry.calls++;
          entry.ms += performance.now() - start;
          times.set(kernelName, entry);
        }
      },
    });
  }
  return {
    stop() {
      for (const config of originals) {
        tf.unregisterKernel(config.kernelName, backendName);
        tf.registerKernel(config);
      }
      return [...times.values()].sort((a, b) => b.ms - a.ms);
    },
  };
}
