/**
 * MATLAB level-5 MAT-files (the format of the ILSVRC devkit's `meta.mat`): a reader for the subset
 * the devkit uses (numeric, char, struct and cell arrays, optionally inside zlib-compressed
 * elements, either byte order) and a writer for struct arrays, which the demo dataset uses so
 * that it exercises the very parser that reads the real devkit.
 * Format reference: MathWorks, "MAT-File Format" (matfile_format.pdf), level 5.
 */
import { deflateSync, inflateSync } from 'node:zlib';

export type MatValue =
  | { kind: 'numeric'; dims: number[]; data: Float64Array }
  | { kind: 'char'; dims: number[]; text: string }
  | { kind: 'struct'; dims: number[]; fieldNames: string[]; elements: Array<Record<string, MatValue>> }
  | { kind: 'cell'; dims: number[]; cells: MatValue[] };

// Data element types (miXXX) and array classes (mxXXX_CLASS) from the format reference.
const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15, UTF8: 16, UTF16: 17, UTF32: 18 } as const;
const MX = { CELL: 1, STRUCT: 2, OBJECT: 3, CHAR: 4, SPARSE: 5, DOUBLE: 6, SINGLE: 7, INT8: 8, UINT8: 9, INT16: 10, UINT16: 11, INT32: 12, UINT32: 13, INT64: 14, UINT64: 15 } as const;
const HEADER_BYTES = 128;

interface Element {
  type: number;
  data: DataView;
}

class MatReader {
  constructor(
    private readonly file: string,
    private readonly le: boolean,
  ) {}

  fail(msg: string): never {
    throw new Error(`${this.file}: invalid MAT-file: ${msg}`);
  }

  /** Splits a region into its data elements (small-element format included). */
  elements(view: DataView): Element[] {
    const out: Element[] = [];
    let off = 0;
    while (off + 8 <= view.byteLength) {
      const first = view.getUint32(off, this.le);
      let type: number;
      let nbytes: number;
      let dataOff: number;
      let next: number;
      if (first >>> 16 !== 0) {
        // Small data element: type and size packed into 4 bytes, data in the next 4.
        type = first & 0xffff;
        nbytes = first >>> 16;
        if (nbytes > 4) this.fail(`small element of ${nbytes} bytes at offset ${view.byteOffset + off}`);
        dataOff = off + 4;
        next = off + 8;
      } else {
        type = first;
        nbytes = view.getUint32(off + 4, this.le);
        dataOff = off + 8;
        next = dataOff + (type === MI.COMPRESSED ? nbytes : Math.ceil(nbytes / 8) * 8);
      }
      if (dataOff + nbytes > view.byteLength) this.fail(`element of type ${type} overruns the file (${nbytes} bytes at offset ${view.byteOffset + off})`);
      out.push({ type, data: new DataView(view.buffer, view.byteOffset + dataOff, nbytes) });
      off = next;
    }
    return out;
  }

  /** Top-level variables by name. */
  variables(view: DataView): Map<string, MatValue> {
    const vars = new Map<string, MatValue>();
    for (const el of this.elements(view)) {
      let matrix = el;
      if (el.type === MI.COMPRESSED) {
        let raw: Buffer;
        try {
          raw = inflateSync(new Uint8Array(el.data.buffer, el.data.byteOffset, el.data.byteLength));
        } catch (err) {
          this.fail(`corrupt compressed element (${(err as Error).message})`);
        }
        const inner = this.elements(new DataView(raw.buffer, raw.byteOffset, raw.byteLength));
        if (inner.length !== 1) this.fail(`compressed element holds ${inner.length} elements, expected 1`);
        matrix = inner[0]!;
      }
      if (matrix.type !== MI.MATRIX) continue;
      const { name, value } = this.matrix(matrix.data);
      vars.set(name, value);
    }
    return vars;
  }

  matrix(view: DataView): { name: string; value: MatValue } {
    if (view.byteLength === 0) return { name: '', value: { kind: 'numeric', dims: [0, 0], data: new Float64Array(0) } };
    const parts = this.elements(view);
    const [flagsEl, dimsEl, nameEl] = parts;
    if (!flagsEl || !dimsEl || !nameEl) this.fail('matrix element lacks flags, dimensions or name');
    const cls = flagsEl.data.getUint32(0, this.le) & 0xff;
    const complex = (flagsEl.data.getUint32(0, this.le) >>> 11) & 1;
    const dims = Array.from(this.numbers(dimsEl));
    const name = new TextDecoder().decode(new Uint8Array(nameEl.data.buffer, nameEl.data.byteOffset, nameEl.data.byteLength));
    const count = dims.reduce((a, b) => a * b, 1);
    const rest = parts.slice(3);
    if (cls === MX.STRUCT) {
      const lenEl = rest[0];
      const namesEl = rest[1];
      if (!lenEl || !namesEl) this.fail(`struct '${name}' lacks its field names`);
      const fieldLen = this.numbers(lenEl)[0]!;
      const bytes = new Uint8Array(namesEl.data.buffer, namesEl.data.byteOffset, namesEl.data.byteLength);
      const nFields = fieldLen > 0 ? Math.floor(bytes.length / fieldLen) : 0;
      const fieldNames = Array.from({ length: nFields }, (_, i) => {
        const raw = bytes.subarray(i * fieldLen, (i + 1) * fieldLen);
        const end = raw.indexOf(0);
        return new TextDecoder().decode(end >= 0 ? raw.subarray(0, end) : raw);
      });
      const values = rest.slice(2);
      if (values.length !== count * nFields) this.fail(`struct '${name}' has ${values.length} values, expected ${count}×${nFields}`);
      const elements = Array.from({ length: count }, (_, i) =>
        Object.fromEntries(fieldNames.map((f, j) => [f, this.child(values[i * nFields + j]!, `${name}.${f}`)])),
      );
      return { name, value: { kind: 'struct', dims, fieldNames, elements } };
    }
    if (cls === MX.CELL) {
      if (rest.length !== count) this.fail(`cell '${name}' has ${rest.length} values, expected ${count}`);
      return { name, value: { kind: 'cell', dims, cells: rest.map((el) => this.child(el, name)) } };
    }
    if (cls === MX.CHAR) {
      const codes = rest[0] ? this.charCodes(rest[0]) : [];
      const rows = dims[0] ?? 0;
      const cols = count / Math.max(1, rows);
      // Column-major storage: row r is codes[r], codes[r + rows], …
      const lines = Array.from({ length: rows }, (_, r) => String.fromCodePoint(...Array.from({ length: cols }, (_, c) => codes[r + c * rows]!)));
      return { name, value: { kind: 'char', dims, text: lines.join('\n') } };
    }
    if (cls >= MX.DOUBLE && cls <= MX.UINT64) {
      if (complex) this.fail(`complex array '${name}' is not supported`);
      const data = rest[0] ? this.numbers(rest[0]) : new Float64Array(0);
      if (data.length !== count) this.fail(`array '${name}' has ${data.length} values, expected ${count}`);
      return { name, value: { kind: 'numeric', dims, data } };
    }
    this.fail(`array '${name}' has unsupported class ${cls} (sparse, object or function handle)`);
  }

  child(el: Element, path: string): MatValue {
    if (el.type !== MI.MATRIX) this.fail(`value of '${path}' is element type ${el.type}, expected a matrix`);
    return this.matrix(el.data).value;
  }

  numbers(el: Element): Float64Array {
    const v = el.data;
    const size: Record<number, number> = { [MI.INT8]: 1, [MI.UINT8]: 1, [MI.INT16]: 2, [MI.UINT16]: 2, [MI.INT32]: 4, [MI.UINT32]: 4, [MI.SINGLE]: 4, [MI.DOUBLE]: 8, [MI.INT64]: 8, [MI.UINT64]: 8 };
    const s = size[el.type];
    if (!s) this.fail(`numeric data of element type ${el.type}`);
    const n = Math.floor(v.byteLength / s);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = i * s;
      switch (el.type) {
        case MI.INT8: out[i] = v.getInt8(o); break;
        case MI.UINT8: out[i] = v.getUint8(o); break;
        case MI.INT16: out[i] = v.getInt16(o, this.le); break;
        case MI.UINT16: out[i] = v.getUint16(o, this.le); break;
        case MI.INT32: out[i] = v.getInt32(o, this.le); break;
        case MI.UINT32: out[i] = v.getUint32(o, this.le); break;
        case MI.SINGLE: out[i] = v.getFloat32(o, this.le); break;
        case MI.DOUBLE: out[i] = v.getFloat64(o, this.le); break;
        case MI.INT64: out[i] = Number(v.getBigInt64(o, this.le)); break;
        default: out[i] = Number(v.getBigUint64(o, this.le));
      }
    }
    return out;
  }

  charCodes(el: Element): number[] {
    const bytes = new Uint8Array(el.data.buffer, el.data.byteOffset, el.data.byteLength);
    if (el.type === MI.UTF8) return Array.from(new TextDecoder().decode(bytes), (c) => c.codePointAt(0)!);
    if (el.type === MI.UTF16) return Array.from(new TextDecoder(this.le ? 'utf-16le' : 'utf-16be').decode(bytes), (c) => c.codePointAt(0)!);
    return Array.from(this.numbers(el));
  }
}

/** Parses a level-5 MAT-file; `file` names it in errors. Returns its variables by name. */
export function readMat(bytes: Uint8Array, file: string): Map<string, MatValue> {
  if (bytes.length < HEADER_BYTES) throw new Error(`${file}: invalid MAT-file: ${bytes.length} bytes is shorter than the 128-byte header`);
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 116));
  if (!text.startsWith('MATLAB 5.0 MAT-file')) {
    throw new Error(`${file}: not a MATLAB level-5 MAT-file (header starts '${text.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}'; v7.3 HDF5 files are not supported)`);
  }
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (endian !== 'IM' && endian !== 'MI') throw new Error(`${file}: invalid MAT-file: endian indicator '${endian}'`);
  const reader = new MatReader(file, endian === 'IM');
  return reader.variables(new DataView(bytes.buffer, bytes.byteOffset + HEADER_BYTES, bytes.byteLength - HEADER_BYTES));
}

// ---------------------------------------------------------------------------------------------
// Writer (little-endian, one compressed variable per call).

export type MatWritable = number | number[] | string;

function element(type: number, data: Uint8Array): Uint8Array {
  if (data.length <= 4 && type !== MI.MATRIX) {
    const out = new Uint8Array(8);
    const v = new DataView(out.buffer);
    v.setUint32(0, ((data.length << 16) | type) >>> 0, true);
    out.set(data, 4);
    return out;
  }
  const padded = Math.ceil(data.length / 8) * 8;
  const out = new Uint8Array(8 + padded);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function u32s(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((x, i) => new DataView(out.buffer).setInt32(i * 4, x, true));
  return out;
}

function flags(cls: number): Uint8Array {
  return element(MI.UINT32, u32s([cls, 0]));
}

/** A double array stored in the smallest integer type that holds it exactly, as MATLAB does. */
function numericData(values: number[]): Uint8Array {
  const ints = values.every((x) => Number.isInteger(x));
  if (ints && values.every((x) => x >= 0 && x <= 255)) return element(MI.UINT8, Uint8Array.from(values));
  if (ints && values.every((x) => x >= 0 && x <= 65535)) {
    const b = new Uint8Array(values.length * 2);
    values.forEach((x, i) => new DataView(b.buffer).setUint16(i * 2, x, true));
    return element(MI.UINT16, b);
  }
  const b = new Uint8Array(values.length * 8);
  values.forEach((x, i) => new DataView(b.buffer).setFloat64(i * 8, x, true));
  return element(MI.DOUBLE, b);
}

function matrix(name: string, value: MatWritable): Uint8Array {
  const nameEl = element(MI.INT8, new TextEncoder().encode(name));
  if (typeof value === 'string') {
    const codes = Array.from(value, (c) => c.codePointAt(0)!);
    if (codes.some((c) => c > 0xffff)) throw new Error(`writeMatStructArray: '${value}' has characters outside the BMP`);
    const b = new Uint8Array(codes.length * 2);
    codes.forEach((c, i) => new DataView(b.buffer).setUint16(i * 2, c, true));
    return element(MI.MATRIX, concat([flags(MX.CHAR), element(MI.INT32, u32s([1, codes.length])), nameEl, element(MI.UINT16, b)]));
  }
  const values = typeof value === 'number' ? [value] : value;
  const dims = values.length === 0 ? [0, 0] : [1, values.length];
  return element(MI.MATRIX, concat([flags(MX.DOUBLE), element(MI.INT32, u32s(dims)), nameEl, numericData(values)]));
}

const FIELD_NAME_BYTES = 32;

/**
 * A MAT-file holding one variable: an N×1 struct array (like the devkit's `synsets`), in a
 * zlib-compressed element. Deterministic: equal inputs give equal bytes.
 */
export function writeMatStructArray(variable: string, fieldNames: string[], rows: Array<Record<string, MatWritable>>): Uint8Array {
  for (const f of fieldNames) if (f.length >= FIELD_NAME_BYTES) throw new Error(`writeMatStructArray: field name '${f}' is too long`);
  const names = new Uint8Array(fieldNames.length * FIELD_NAME_BYTES);
  fieldNames.forEach((f, i) => names.set(new TextEncoder().encode(f), i * FIELD_NAME_BYTES));
  const values = rows.flatMap((row) =>
    fieldNames.map((f) => {
      const v = row[f];
      if (v === undefined) throw new Error(`writeMatStructArray: row lacks field '${f}'`);
      return matrix('', v);
    }),
  );
  const body = element(
    MI.MATRIX,
    concat([
      flags(MX.STRUCT),
      element(MI.INT32, u32s([rows.length, 1])),
      element(MI.INT8, new TextEncoder().encode(variable)),
      element(MI.INT32, u32s([FIELD_NAME_BYTES])),
      element(MI.INT8, names),
      ...values,
    ]),
  );
  const compressed = deflateSync(body, { level: 6 });
  const tag = new Uint8Array(8);
  new DataView(tag.buffer).setUint32(0, MI.COMPRESSED, true);
  new DataView(tag.buffer).setUint32(4, compressed.length, true);
  const header = new Uint8Array(HEADER_BYTES).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, Platform: GLNXA64, Created by: googlenet synth'));
  header.fill(0, 116, 124); // no subsystem data
  new DataView(header.buffer).setUint16(124, 0x0100, true);
  header.set([0x49, 0x4d], 126); // 'IM': little-endian
  return concat([header, tag, compressed]);
}
