export {
  BACKEND_ORDER,
  BACKEND_PACKAGE,
  WASM_THREADS_REASON,
  describeBackend,
  isBackendName,
  type BackendInfo,
  type BackendName,
} from './backend-info.js';
export { selectBackend, currentBackend, type SelectBackendOptions } from './select-backend.js';
export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './wasm/register-training-kernels.js';
export { startKernelTimer, type KernelTime } from './kernel-timer.js';
export { guardWasmMalloc, WasmHeapExhaustedError, type WasmMalloc } from './wasm/init-wasm.js';
export { startWasmHeapWatchdog, isWasmHeapHang } from './wasm/heap-watchdog.js';
