import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic, type RngState } from '@googlenet/util';

/**
 * One checkpoint = one file `step-<N>.ckpt`, written atomically (temp + rename), then
 * `latest.json` is pointed at it (also atomically). A kill at any moment leaves the previous
 * checkpoint intact. Layout: "GLNCKPT1", u32 header length, header JSON, then the float32 data of
 * every tensor (little-endian) in header order.
 */
const MAGIC = 'GLNCKPT1';

export interface CheckpointState {
  /** Optimizer steps done. */
  step: number;
  /** Epoch of the next step, and its position (images) inside that epoch's order. */
  epoch: number;
  indexInEpoch: number;
  polyakCount: number;
  trainerRng: RngState;
  configHash: string;
  /** Everything else the loop needs to resume (peaks, wall time so far). */
  extra: Record<string, number>;
}

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface CheckpointGroups {
  weights: NamedTensor[];
  averages: NamedTensor[];
  momentum: NamedTensor[];
}

interface Header {
  state: CheckpointState;
  tensors: { group: keyof CheckpointGroups; name: string; shape: number[]; length: number }[];
}

export function encodeCheckpoint(state: CheckpointState, groups: CheckpointGroups): Uint8Array {
  const entries = (['weights', 'averages', 'momentum'] as const).flatMap((group) => groups[group].map((t) => ({ group, t })));
  const header: Header = {
    state,
    tensors: entries.map(({ group, t }) => ({ group, name: t.name, shape: t.shape, length: t.values.length })),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  // Pad the header so the float data starts 4-byte aligned.
  const headerLen = Math.ceil(headerBytes.length / 4) * 4;
  const dataLen = entries.reduce((s, e) => s + e.t.values.length * 4, 0);
  const out = Buffer.alloc(8 + 4 + headerLen + dataLen, 0);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(headerLen, 8);
  headerBytes.copy(out, 12);
  out.fill(0x20, 12 + headerBytes.length, 12 + headerLen); // spaces: still valid JSON
  let offset = 12 + headerLen;
  for (const { t } of entries) {
    Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength).copy(out, offset);
    offset += t.values.byteLength;
  }
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array, source: string): { state: CheckpointState; groups: CheckpointGroups } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 8) !== MAGIC) throw new Error(`${source}: not a training checkpoint (bad magic)`);
  const headerLen = buf.readUInt32LE(8);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as Header;
  } catch {
    throw new Error(`${source}: corrupt checkpoint header`);
  }
  const groups: CheckpointGroups = { weights: [], averages: [], momentum: [] };
  let offset = 12 + headerLen;
  for (const t of header.tensors) {
    const end = offset + t.length * 4;
    if (end > buf.length) throw new Error(`${source}: truncated checkpoint (tensor ${t.name})`);
    const values = new Float32Array(t.length);
    Buffer.from(values.buffer).set(buf.subarray(offset, end));
    groups[t.group].push({ name: t.name, shape: t.shape, values });
    offset = end;
  }
  return { state: header.state, groups };
}

export function checkpointFileName(step: number): string {
  return `step-${String(step).padStart(9, '0')}.ckpt`;
}

/** Writes the checkpoint, points latest.json at it, keeps the newest `keep` files. */
export async function writeCheckpoint(dir: string, state: CheckpointState, groups: CheckpointGroups, keep = 2): Promise<string> {
  const file = checkpointFileName(state.step);
  await writeFileAtomic(join(dir, file), encodeCheckpoint(state, groups));
  await writeJsonAtomic(join(dir, 'latest.json'), { file, step: state.step, epoch: state.epoch });
  const old = readdirSync(dir)
    .filter((f) => /^step-\d+\.ckpt$/.test(f))
    .sort()
    .slice(0, -keep);
  for (const f of old) if (f !== file) rmSync(join(dir, f), { force: true });
  return join(dir, file);
}

/** The checkpoint latest.json points at, or null when the directory has none. */
export function readLatestCheckpoint(dir: string): { path: string; state: CheckpointState; groups: CheckpointGroups } | null {
  const latest = join(dir, 'latest.json');
  if (!existsSync(latest)) return null;
  let file: string;
  try {
    file = (JSON.parse(readFileSync(latest, 'utf8')) as { file: string }).file;
  } catch {
    throw new Error(`${latest}: malformed`);
  }
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${latest}: points at missing ${file}`);
  return { path, ...decodeCheckpoint(readFileSync(path), path) };
}
