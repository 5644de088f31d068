/**
 * The shard format: Arrow IPC file, one row per image, built column-wise from typed buffers
 * (Binary, Int32, Utf8, List<Struct>) so that bytes are never boxed into JS values.
 */
import { Binary, Field, Int32, List, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, type Data } from 'apache-arrow';
import type { Box, ImageRecord } from './types.js';

const BOX_TYPE = new Struct([
  new Field('wnid', new Utf8(), false),
  new Field('xmin', new Int32(), false),
  new Field('ymin', new Int32(), false),
  new Field('xmax', new Int32(), false),
  new Field('ymax', new Int32(), false),
]);

export const SHARD_SCHEMA = new Schema([
  new Field('key', new Utf8(), false),
  new Field('label', new Int32(), false),
  new Field('wnid', new Utf8(), false),
  new Field('width', new Int32(), false),
  new Field('height', new Int32(), false),
  new Field('stored_width', new Int32(), false),
  new Field('stored_height', new Int32(), false),
  new Field('image', new Binary(), false),
  new Field('boxes', new List(new Field('item', BOX_TYPE, false)), false),
  new Field('format', new Utf8(), false),
  new Field('space', new Utf8(), false),
  new Field('channels', new Int32(), false),
]);

const encoder = new TextEncoder();

function bytesColumn<T extends Utf8 | Binary>(type: T, values: Uint8Array[]): Data<T> {
  const offsets = new Int32Array(values.length + 1);
  for (let i = 0; i < values.length; i++) offsets[i + 1] = offsets[i]! + values[i]!.length;
  const data = new Uint8Array(offsets[values.length]!);
  values.forEach((v, i) => data.set(v, offsets[i]!));
  return makeData({ type, length: values.length, valueOffsets: offsets, data } as never) as unknown as Data<T>;
}

function utf8Column(values: string[]): Data<Utf8> {
  return bytesColumn(new Utf8(), values.map((s) => encoder.encode(s)));
}

function int32Column(values: ArrayLike<number>): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, data: Int32Array.from(values) });
}

function boxesColumn(lists: Box[][]): Data {
  const offsets = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i]! + lists[i]!.length;
  const flat = lists.flat();
  const child = makeData({
    type: BOX_TYPE,
    length: flat.length,
    children: [
      utf8Column(flat.map((b) => b.wnid)),
      int32Column(flat.map((b) => b.xmin)),
      int32Column(flat.map((b) => b.ymin)),
      int32Column(flat.map((b) => b.xmax)),
      int32Column(flat.map((b) => b.ymax)),
    ],
  });
  return makeData({ type: SHARD_SCHEMA.fields[8]!.type as List<typeof BOX_TYPE>, length: lists.length, valueOffsets: offsets, child });
}

function recordBatch(rows: ImageRecord[]): RecordBatch {
  const children = [
    utf8Column(rows.map((r) => r.key)),
    int32Column(rows.map((r) => r.label)),
    utf8Column(rows.map((r) => r.wnid)),
    int32Column(rows.map((r) => r.width)),
    int32Column(rows.map((r) => r.height)),
    int32Column(rows.map((r) => r.storedWidth)),
    int32Column(rows.map((r) => r.storedHeight)),
    bytesColumn(new Binary(), rows.map((r) => r.image)),
    boxesColumn(rows.map((r) => r.boxes)),
    utf8Column(rows.map((r) => r.format)),
    utf8Column(rows.map((r) => r.space)),
    int32Column(rows.map((r) => r.channels)),
  ];
  return new RecordBatch(SHARD_SCHEMA, makeData({ type: new Struct(SHARD_SCHEMA.fields), length: rows.length, children }));
}

/** The bytes of an Arrow IPC file holding `rows` in record batches of at most `rowsPerBatch`. */
export function encodeShard(rows: ImageRecord[], rowsPerBatch: number): { bytes: Uint8Array; batchRows: number[] } {
  const batches: RecordBatch[] = [];
  for (let i = 0; i < rows.length; i += rowsPerBatch) batches.push(recordBatch(rows.slice(i, i + rowsPerBatch)));
  const table = batches.length > 0 ? new Table(batches) : new Table(SHARD_SCHEMA);
  return { bytes: tableToIPC(table, 'file'), batchRows: batches.map((b) => b.numRows) };
}

const decoder = new TextDecoder();

/** Record batches read from an IPC file are never sliced; a sliced one would need offset arithmetic. */
function unsliced(data: Data, name: string): Data {
  if (data.offset !== 0) throw new Error(`shard column '${name}' is a slice (offset ${data.offset}); expected a batch read from a file`);
  return data;
}

function strings(data: Data, name: string): string[] {
  const offsets = unsliced(data, name).valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  return Array.from({ length: data.length }, (_, i) => decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
}

function ints(data: Data, name: string): Int32Array {
  return (unsliced(data, name).values as Int32Array).subarray(0, data.length);
}

/** Rows of a record batch, read straight from its buffers. */
export function decodeRecordBatch(batch: RecordBatch): ImageRecord[] {
  const data = unsliced(batch.data, 'batch');
  const col = (name: string): Data => {
    const i = batch.schema.fields.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`shard lacks column '${name}'`);
    return unsliced(data.children[i]!, name);
  };
  const key = strings(col('key'), 'key');
  const label = ints(col('label'), 'label');
  const wnid = strings(col('wnid'), 'wnid');
  const width = ints(col('width'), 'width');
  const height = ints(col('height'), 'height');
  const storedWidth = ints(col('stored_width'), 'stored_width');
  const storedHeight = ints(col('stored_height'), 'stored_height');
  const image = col('image');
  const imageOffsets = image.valueOffsets as Int32Array;
  const imageBytes = image.values as Uint8Array;
  const boxes = col('boxes');
  const boxOffsets = boxes.valueOffsets as Int32Array;
  const boxStruct = unsliced(boxes.children[0]!, 'boxes.item');
  const bw = strings(boxStruct.children[0]!, 'boxes.wnid');
  const [bx0, by0, bx1, by1] = [1, 2, 3, 4].map((j) => ints(boxStruct.children[j]!, 'boxes'));
  const format = strings(col('format'), 'format');
  const space = strings(col('space'), 'space');
  const channels = ints(col('channels'), 'channels');
  const rows: ImageRecord[] = [];
  for (let i = 0; i < data.length; i++) {
    const rowBoxes: Box[] = [];
    for (let b = boxOffsets[i]!; b < boxOffsets[i + 1]!; b++) {
      rowBoxes.push({ wnid: bw[b]!, xmin: bx0![b]!, ymin: by0![b]!, xmax: bx1![b]!, ymax: by1![b]! });
    }
    rows.push({
      key: key[i]!,
      label: label[i]!,
      wnid: wnid[i]!,
      width: width[i]!,
      height: height[i]!,
      storedWidth: storedWidth[i]!,
      storedHeight: storedHeight[i]!,
      image: imageBytes.subarray(imageOffsets[i]!, imageOffsets[i + 1]!),
      boxes: rowBoxes,
      format: format[i]!,
      space: space[i]!,
      channels: channels[i]!,
    });
  }
  return rows;
}
