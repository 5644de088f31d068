import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Attrs = Record<string, unknown>;

/**
 * What a custom wasm kernel needs: call wasm's own kernels (XNNPACK Conv2D, Transpose, ...) by
 * name, allocate outputs on the wasm heap, and read/write heap memory directly from JS.
 * Every TensorInfo made through it is freed by `disposeAllBut(out)`, so a kernel leaks nothing.
 */
export class WasmKernelContext {
  private readonly made: tf.TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  /** Runs the wasm kernel `name` (as registered by tfjs-backend-wasm, or by us). */
  run(name: string, inputs: Record<string, tf.TensorInfo>, attrs: Attrs = {}): tf.TensorInfo {
    const kernel = tf.getKernel(name, 'wasm');
    if (kernel == null) throw new Error(`backend: wasm kernel '${name}' is not registered`);
    const out = kernel.kernelFunc({
      inputs: inputs as tf.NamedTensorInfoMap,
      attrs: attrs as tf.NamedAttrMap,
      backend: this.backend,
    }) as tf.TensorInfo;
    this.made.push(out);
    return out;
  }

  /** A new float32 tensor on the wasm heap; its contents are garbage until written. */
  alloc(shape: number[]): tf.TensorInfo {
    const out = this.backend.makeOutput(shape, 'float32');
    this.made.push(out);
    return out;
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /**
   * A Float32Array over the whole heap and the float offset of each tensor in it. Take it only
   * after the last allocation: growing the heap detaches older views.
   */
  heap(...tensors: tf.TensorInfo[]): { f32: Float32Array; offsets: number[] } {
    // The emscripten module has HEAPU8 (tfjs' own typedArrayFromHeap uses it); its typings omit
    // it. With threads the heap is shared memory that another thread may have grown, so HEAPU8 can
    // be stale: wasmMemory.buffer is always the current one.
    const module = this.backend.wasm as unknown as { HEAPU8: Uint8Array; wasmMemory?: { buffer: ArrayBufferLike } };
    const f32 = new Float32Array(module.wasmMemory?.buffer ?? module.HEAPU8.buffer);
    const offsets = tensors.map((t) => {
      const data = this.backend.dataIdMap.get(t.dataId);
      if (data?.memoryOffset == null) throw new Error('backend: tensor is not on the wasm heap');
      return data.memoryOffset / 4;
    });
    return { f32, offsets };
  }

  /** Frees every intermediate, keeps `out` (the kernel's result). */
  disposeAllBut(out: tf.TensorInfo): tf.TensorInfo {
    for (const t of this.made) if (t !== out) this.backend.disposeData(t.dataId);
    this.made.length = 0;
    return out;
  }
}
