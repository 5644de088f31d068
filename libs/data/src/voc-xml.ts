/** PASCAL-VOC XML boxes as ILSVRC writes them (CLS-LOC bbox and DET annotations). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Box } from './types.js';

export interface VocAnnotation {
  filename: string;
  width: number;
  height: number;
  boxes: Box[];
}

const parser = new XMLParser({
  // No entity expansion of any kind (billion-laughs and external entities are impossible).
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'object',
});

function int(value: unknown, what: string, file: string): number {
  const n = Number(typeof value === 'string' ? value.trim() : value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n)) throw new Error(`${file}: ${what} is '${String(value)}', expected a number`);
  // A few third-party VOC files write "12.0"; ILSVRC's are integers.
  return Math.round(n);
}

function lineOf(xml: string, pattern: RegExp): number {
  const idx = xml.search(pattern);
  return idx < 0 ? 0 : xml.slice(0, idx).split('\n').length;
}

/** Parses one annotation; errors name the file (and line where the XML itself is malformed). */
export function parseVocXml(xml: string, file: string): VocAnnotation {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new Error(`${file}:${lineOf(xml, /<!DOCTYPE|<!ENTITY/i)}: DTDs and entity declarations are refused (no entity expansion)`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${file}:${valid.err.line}: malformed XML: ${valid.err.msg}`);
  const doc = parser.parse(xml) as { annotation?: Record<string, unknown> };
  const ann = doc.annotation;
  if (!ann || typeof ann !== 'object') throw new Error(`${file}: no <annotation> element`);
  const size = ann.size as Record<string, unknown> | undefined;
  if (!size) throw new Error(`${file}: no <size> element`);
  const width = int(size.width, '<size><width>', file);
  const height = int(size.height, '<size><height>', file);
  const objects = (ann.object as Array<Record<string, unknown>> | undefined) ?? [];
  const boxes = objects.map((o, i) => {
    const what = `<object> ${i + 1}`;
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (!/^n\d{8}$/.test(name)) throw new Error(`${file}: ${what} has <name> '${String(o.name)}', expected a wnid`);
    const b = o.bndbox as Record<string, unknown> | undefined;
    if (!b) throw new Error(`${file}: ${what} has no <bndbox>`);
    const box = {
      wnid: name,
      xmin: int(b.xmin, `${what} xmin`, file),
      ymin: int(b.ymin, `${what} ymin`, file),
      xmax: int(b.xmax, `${what} xmax`, file),
      ymax: int(b.ymax, `${what} ymax`, file),
    };
    if (box.xmax < box.xmin || box.ymax < box.ymin) throw new Error(`${file}: ${what} has xmax<xmin or ymax<ymin (${box.xmin},${box.ymin},${box.xmax},${box.ymax})`);
    return box;
  });
  return { filename: typeof ann.filename === 'string' ? ann.filename : '', width, height, boxes };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes an annotation in ILSVRC's layout. */
export function writeVocXml(a: { folder: string; filename: string; database: string; width: number; height: number; boxes: Box[] }): string {
  const objects = a.boxes
    .map(
      (b) =>
        `\t<object>\n\t\t<name>${esc(b.wnid)}</name>\n\t\t<pose>Unspecified</pose>\n\t\t<truncated>0</truncated>\n\t\t<difficult>0</difficult>\n` +
        `\t\t<bndbox>\n\t\t\t<xmin>${b.xmin}</xmin>\n\t\t\t<ymin>${b.ymin}</ymin>\n\t\t\t<xmax>${b.xmax}</xmax>\n\t\t\t<ymax>${b.ymax}</ymax>\n\t\t</bndbox>\n\t</object>\n`,
    )
    .join('');
  return (
    `<annotation>\n\t<folder>${esc(a.folder)}</folder>\n\t<filename>${esc(a.filename)}</filename>\n\t<source>\n\t\t<database>${esc(a.database)}</database>\n\t</source>\n` +
    `\t<size>\n\t\t<width>${a.width}</width>\n\t\t<height>${a.height}</height>\n\t\t<depth>3</depth>\n\t</size>\n\t<segmented>0</segmented>\n${objects}</annotation>\n`
  );
}
