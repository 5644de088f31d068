import { describe, expect, it } from 'vitest';
import { guardWasmMalloc, WasmHeapExhaustedError, type WasmMalloc } from './init-wasm.js';

describe('guardWasmMalloc', () => {
  it('turns a failed allocation (0) into an error that says the heap is full; passes the rest through', () => {
    let next = 1024;
    const module: WasmMalloc = {
      _malloc: (bytes: number) => (bytes > 1000 ? 0 : (next += bytes)),
      wasmMemory: { buffer: new ArrayBuffer(3 * 2 ** 20) },
    };
    guardWasmMalloc({ wasm: module });
    guardWasmMalloc({ wasm: module }); // idempotent: one wrapper
    expect(module._malloc(16)).toBe(1040);
    expect(module._malloc(0)).toBe(1040);
    expect(() => module._malloc(2 ** 20)).toThrow(WasmHeapExhaustedError);
    expect(() => module._malloc(2 ** 20)).toThrow(/WASM heap is full: could not allocate 1\.0 MiB with 3 MiB in use/);
  });
});
