import { describe, expect, it } from 'vitest';
import { readMat, writeMatStructArray } from './matfile.js';
import { classesFromWnids, leafSynsetsById, parseMetaMat } from './synsets.js';

/** A level-5 MAT-file built byte by byte from the format reference, independent of the writer. */
function handMadeMat(): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, hand made'));
  header[124] = 0x00; header[125] = 0x01; header[126] = 0x49; header[127] = 0x4d; // version 0x0100, 'IM'
  const u32 = (...xs: number[]): number[] => xs.flatMap((x) => [x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, (x >>> 24) & 0xff]);
  // x = [1.5 2] (double 1×2), then s = 'hi' (char 1×2 as miUINT16 in a small element).
  const x = [
    ...u32(14, 64), // miMATRIX: flags 16 + dims 16 + name 8 + data 24 bytes
    ...u32(6, 8), ...u32(6, 0), // flags: mxDOUBLE_CLASS
    ...u32(5, 8), ...u32(1, 2), // dims 1×2
    ...u32((1 << 16) | 1), ...[0x78, 0, 0, 0], // name 'x' (small element, miINT8, 1 byte)
    ...u32(9, 16), ...Array.from(new Uint8Array(new Float64Array([1.5, 2]).buffer)), // miDOUBLE data
  ];
  const s = [
    ...u32(14, 48), // flags 16 + dims 16 + name 8 + data 8
    ...u32(6, 8), ...u32(4, 0), // mxCHAR_CLASS
    ...u32(5, 8), ...u32(1, 2),
    ...u32((1 << 16) | 1), ...[0x73, 0, 0, 0], // name 's'
    ...u32((4 << 16) | 4), ...[0x68, 0, 0x69, 0], // miUINT16 'h','i' (small element)
  ];
  return Uint8Array.from([...header, ...x, ...s]);
}

describe('MAT-file reader', () => {
  it('reads a hand-made file: numeric and char arrays, small elements', () => {
    const vars = readMat(handMadeMat(), 'hand.mat');
    expect(vars.get('x')).toEqual({ kind: 'numeric', dims: [1, 2], data: new Float64Array([1.5, 2]) });
    expect(vars.get('s')).toEqual({ kind: 'char', dims: [1, 2], text: 'hi' });
  });

  it('round-trips a compressed struct array, including integer-packed doubles and empty arrays', () => {
    const bytes = writeMatStructArray('synsets', ['ILSVRC2012_ID', 'WNID', 'words', 'children'], [
      { ILSVRC2012_ID: 1, WNID: 'n01440764', words: 'tench, Tinca tinca', children: [] },
      { ILSVRC2012_ID: 1001, WNID: 'n02000000', words: 'fish', children: [1, 70000.5] },
    ]);
    const v = readMat(bytes, 'meta.mat').get('synsets');
    expect(v?.kind).toBe('struct');
    if (v?.kind !== 'struct') return;
    expect(v.dims).toEqual([2, 1]);
    expect(v.fieldNames).toEqual(['ILSVRC2012_ID', 'WNID', 'words', 'children']);
    expect(v.elements[1]!.ILSVRC2012_ID).toEqual({ kind: 'numeric', dims: [1, 1], data: new Float64Array([1001]) });
    expect(v.elements[0]!.words).toEqual({ kind: 'char', dims: [1, 18], text: 'tench, Tinca tinca' });
    expect(v.elements[0]!.children).toEqual({ kind: 'numeric', dims: [0, 0], data: new Float64Array(0) });
    expect(v.elements[1]!.children).toEqual({ kind: 'numeric', dims: [1, 2], data: new Float64Array([1, 70000.5]) });
  });

  it('names the file in errors', () => {
    expect(() => readMat(new Uint8Array(10), 'x/meta.mat')).toThrow(/x\/meta\.mat: .*128-byte header/);
    const notMat = new Uint8Array(200).fill(0x41);
    expect(() => readMat(notMat, 'x/meta.mat')).toThrow(/x\/meta\.mat: not a MATLAB level-5/);
    const truncated = writeMatStructArray('synsets', ['WNID'], [{ WNID: 'n01440764' }]).subarray(0, 150);
    expect(() => readMat(truncated, 'x/meta.mat')).toThrow(/x\/meta\.mat: invalid MAT-file/);
  });
});

describe('devkit synsets', () => {
  it('keeps leaf synsets and maps ILSVRC2012_ID → wnid, with classes indexed by sorted wnid', () => {
    const bytes = writeMatStructArray('synsets', ['ILSVRC2012_ID', 'WNID', 'words', 'num_children'], [
      { ILSVRC2012_ID: 1, WNID: 'n03000000', words: 'c', num_children: 0 },
      { ILSVRC2012_ID: 2, WNID: 'n01000000', words: 'a', num_children: 0 },
      { ILSVRC2012_ID: 3, WNID: 'n02000000', words: 'b', num_children: 0 },
      { ILSVRC2012_ID: 4, WNID: 'n00000001', words: 'root', num_children: 3 },
    ]);
    const synsets = parseMetaMat(bytes, 'meta.mat');
    const leaves = leafSynsetsById(synsets, 'meta.mat');
    expect([...leaves.keys()]).toEqual([1, 2, 3]);
    const classes = classesFromWnids([...leaves.values()].map((s) => s.wnid));
    expect(classes.map((c) => c.wnid)).toEqual(['n01000000', 'n02000000', 'n03000000']);
    // ID 1 is n03000000, whose class index is 2 (not ID−1 = 0).
    expect(classes.find((c) => c.wnid === leaves.get(1)!.wnid)!.index).toBe(2);
  });
});
