/** Builders of tiny image trees for the tests (not part of the public API). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect } from 'vitest';
import { writeMatStructArray } from './matfile.js';
import { decodeRgb } from './pixels.js';
import type { Box } from './types.js';
import { writeVocXml } from './voc-xml.js';

const created: string[] = [];
// Registered on the importing test file's suite (vitest re-imports this module per test file).
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `data-${prefix}-`));
  created.push(dir);
  return dir;
}

export function put(root: string, rel: string, data: string | Uint8Array): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), data);
}

/** A flat-colour image, encoded as `format`; CMYK and grayscale JPEGs as the real dataset has them. */
export async function flatImage(width: number, height: number, rgb: [number, number, number], format: 'jpeg' | 'png' | 'cmyk-jpeg' | 'gray-jpeg' = 'jpeg'): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) raw.set(rgb, i * 3);
  const img = sharp(raw, { raw: { width, height, channels: 3 } });
  if (format === 'png') return img.png().toBuffer();
  if (format === 'cmyk-jpeg') return img.toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
  if (format === 'gray-jpeg') return img.toColourspace('b-w').jpeg({ quality: 95 }).toBuffer();
  return img.jpeg({ quality: 95 }).toBuffer();
}

/** Mean RGB of an encoded image. */
export async function meanRgb(image: Uint8Array): Promise<[number, number, number]> {
  const { data, width, height } = await decodeRgb(image);
  expect(data.length).toBe(width * height * 3);
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
  const n = width * height;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

export function xml(folder: string, stem: string, width: number, height: number, boxes: Box[]): string {
  return writeVocXml({ folder, filename: stem, database: 'ILSVRC_2012', width, height, boxes });
}

/** A devkit meta.mat with leaf synsets (id, wnid, words) and one internal node. */
export function metaMat(leaves: Array<[number, string, string]>): Uint8Array {
  const rows = leaves.map(([id, wnid, words]) => ({ ILSVRC2012_ID: id, WNID: wnid, words, num_children: 0, children: [] as number[] }));
  rows.push({ ILSVRC2012_ID: leaves.length + 1, WNID: 'n09999999', words: 'internal', num_children: leaves.length, children: leaves.map(([id]) => id) });
  return writeMatStructArray('synsets', ['ILSVRC2012_ID', 'WNID', 'words', 'num_children', 'children'], rows);
}
