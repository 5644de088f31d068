/** Class lists: the devkit's meta.mat synsets, Kaggle's LOC_synset_mapping.txt, and the sorted-wnid index. */
import { readMat, type MatValue } from './matfile.js';
import type { ClassInfo } from './types.js';

export interface Synset {
  /** ILSVRC2012_ID: the label used by the devkit's ground-truth files (meta.mat order, NOT sorted by wnid). */
  id: number;
  wnid: string;
  words: string;
  numChildren: number;
}

const WNID = /^n\d{8}$/;

function scalar(v: MatValue | undefined, what: string, file: string, row: number): number {
  if (!v || v.kind !== 'numeric' || v.data.length !== 1) throw new Error(`${file}: synsets(${row}).${what} is not a numeric scalar`);
  return v.data[0]!;
}

function text(v: MatValue | undefined, what: string, file: string, row: number): string {
  if (!v || v.kind !== 'char') throw new Error(`${file}: synsets(${row}).${what} is not a char array`);
  return v.text;
}

/** The `synsets` struct array of an ILSVRC devkit meta.mat (all of it, internal nodes included). */
export function parseMetaMat(bytes: Uint8Array, file: string): Synset[] {
  const synsets = readMat(bytes, file).get('synsets');
  if (!synsets) throw new Error(`${file}: no variable 'synsets'`);
  if (synsets.kind !== 'struct') throw new Error(`${file}: 'synsets' is a ${synsets.kind} array, expected a struct array`);
  for (const f of ['ILSVRC2012_ID', 'WNID', 'words']) {
    if (!synsets.fieldNames.includes(f)) throw new Error(`${file}: synsets lacks field '${f}' (has ${synsets.fieldNames.join(', ')})`);
  }
  return synsets.elements.map((s, i) => {
    const row = i + 1;
    const wnid = text(s.WNID, 'WNID', file, row);
    if (!WNID.test(wnid)) throw new Error(`${file}: synsets(${row}).WNID '${wnid}' is not a wnid`);
    return {
      id: scalar(s.ILSVRC2012_ID, 'ILSVRC2012_ID', file, row),
      wnid,
      words: text(s.words, 'words', file, row),
      numChildren: s.num_children ? scalar(s.num_children, 'num_children', file, row) : 0,
    };
  });
}

/** The classification classes of a devkit: the leaf synsets (no children), as ID → synset. */
export function leafSynsetsById(synsets: Synset[], file: string): Map<number, Synset> {
  const byId = new Map<number, Synset>();
  for (const s of synsets) {
    if (s.numChildren !== 0) continue;
    if (byId.has(s.id)) throw new Error(`${file}: ILSVRC2012_ID ${s.id} appears twice`);
    byId.set(s.id, s);
  }
  return byId;
}

/** Class index = position of the wnid in sorted wnid order (the convention of every public model). */
export function classesFromWnids(wnids: Iterable<string>, wordsOf: (wnid: string) => string = () => ''): ClassInfo[] {
  return [...new Set(wnids)].sort().map((wnid, index) => ({ index, wnid, words: wordsOf(wnid) }));
}

/** Kaggle's LOC_synset_mapping.txt: "n01440764 tench, Tinca tinca" per line. */
export function parseSynsetMapping(textContent: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  textContent.split('\n').forEach((line, i) => {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.trim() === '') return;
    const m = /^(n\d{8})(?:\s+(.*))?$/.exec(trimmed);
    if (!m) throw new Error(`${file}:${i + 1}: expected '<wnid> <words>', got '${trimmed.slice(0, 60)}'`);
    if (out.has(m[1]!)) throw new Error(`${file}:${i + 1}: wnid ${m[1]} listed twice`);
    out.set(m[1]!, m[2] ?? '');
  });
  if (out.size === 0) throw new Error(`${file}: no synsets`);
  return out;
}
