import { describe, expect, it } from 'vitest';
import { isWasmHeapHang } from './heap-watchdog.js';

const GiB = 2 ** 30;

describe('isWasmHeapHang (the watchdog of the multithreaded wasm heap)', () => {
  it('fires only with the heap at its 4 GiB ceiling and no step for the stall time', () => {
    expect(isWasmHeapHang(4 * GiB, 200, 180, 4 * GiB)).toBe(true);
    expect(isWasmHeapHang(4 * GiB - 32 * 2 ** 20, 180, 180, 4 * GiB)).toBe(true); // within 64 MiB of it
    expect(isWasmHeapHang(4 * GiB, 179, 180, 4 * GiB)).toBe(false); // a slow step, not a hang
    expect(isWasmHeapHang(3 * GiB, 10_000, 180, 4 * GiB)).toBe(false); // stalled, but not for the heap
  });
});
