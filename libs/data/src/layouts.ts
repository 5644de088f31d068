/**
 * Where the images, labels and boxes of each split live, for the layouts users actually have:
 *
 * official (ILSVRC2012 tarballs + devkit):
 *   train/<wnid>/<wnid>_<n>.JPEG            val/ILSVRC2012_val_<8 digits>.JPEG
 *   devkit/data/meta.mat, devkit/data/ILSVRC2012_validation_ground_truth.txt
 *     (the devkit may also be named ILSVRC2012_devkit_t12/)
 *   bbox/train/<wnid>/<wnid>_<n>.xml        bbox/val/ILSVRC2012_val_<8 digits>.xml   (optional)
 *   det/{train,val}/<name>.JPEG             det/annotations/{train,val}/<name>.xml   (detection)
 * kaggle (ImageNet Object Localization Challenge):
 *   ILSVRC/Data/CLS-LOC/{train/<wnid>/…, val/…}, ILSVRC/Annotations/CLS-LOC/{train/<wnid>/…, val/…},
 *   LOC_synset_mapping.txt, LOC_val_solution.csv
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classesFromWnids, leafSynsetsById, parseMetaMat, parseSynsetMapping } from './synsets.js';
import type { Box, ClassInfo, LayoutName, SplitName } from './types.js';

export interface SourceItem {
  /** Path relative to the root (the row key). */
  key: string;
  label: number;
  wnid: string;
  /** Relative path of a VOC XML with this image's boxes, if there is one. */
  xmlKey?: string;
  /** Boxes known without XML (Kaggle's val CSV). */
  boxes?: Box[];
}

export interface SplitSource {
  layout: LayoutName;
  classes: ClassInfo[];
  /** Detection splits only: every class index a box may carry refers to `classes`. */
  detection: boolean;
  items: SourceItem[];
}

const DEVKIT_DIRS = ['devkit', 'ILSVRC2012_devkit_t12'];
const KAGGLE_CLS = join('ILSVRC', 'Data', 'CLS-LOC');
const KAGGLE_ANN = join('ILSVRC', 'Annotations', 'CLS-LOC');
const VAL_NAME = /^ILSVRC2012_val_(\d{8})\.JPEG$/i;
const WNID = /^n\d{8}$/;

export function detectLayout(root: string): LayoutName {
  if (existsSync(join(root, KAGGLE_CLS))) return 'kaggle';
  if (['train', 'val', 'det'].some((d) => existsSync(join(root, d)))) return 'official';
  throw new Error(`${root}: no ILSVRC layout found (expected train/, val/ or det/ (official) or ${KAGGLE_CLS} (Kaggle))`);
}

async function listDir(dir: string): Promise<Array<{ name: string; isDir: boolean }>> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => !e.name.startsWith('.')).map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function stem(name: string): string {
  return name.replace(/\.[^.]*$/, '');
}

function devkitFile(root: string, name: string): string | null {
  for (const d of DEVKIT_DIRS) {
    const p = join(root, d, 'data', name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Classes and ILSVRC2012_ID → wnid from the devkit's meta.mat, or null when there is no devkit. */
async function devkitClasses(root: string): Promise<{ classes: ClassInfo[]; wnidById: Map<number, string>; file: string } | null> {
  const file = devkitFile(root, 'meta.mat');
  if (!file) return null;
  const synsets = parseMetaMat(await readFile(file), file);
  const leaves = leafSynsetsById(synsets, file);
  const words = new Map([...leaves.values()].map((s) => [s.wnid, s.words]));
  return {
    classes: classesFromWnids(words.keys(), (w) => words.get(w) ?? ''),
    wnidById: new Map([...leaves.values()].map((s) => [s.id, s.wnid])),
    file,
  };
}

/** train/<wnid>/* with boxes from annDir/<wnid>/<stem>.xml where present. */
async function classFolders(root: string, imgDir: string, annDir: string, classes: ClassInfo[], classesFile: string): Promise<SourceItem[]> {
  const index = new Map(classes.map((c) => [c.wnid, c.index]));
  const items: SourceItem[] = [];
  for (const entry of await listDir(join(root, imgDir))) {
    if (!entry.isDir) continue;
    const label = index.get(entry.name);
    if (label === undefined) throw new Error(`${join(root, imgDir, entry.name)}: unknown wnid '${entry.name}' (not a class of ${classesFile})`);
    const xmls = new Set((await listDir(join(root, annDir, entry.name))).filter((e) => !e.isDir && e.name.endsWith('.xml')).map((e) => e.name));
    for (const f of await listDir(join(root, imgDir, entry.name))) {
      if (f.isDir) continue;
      const xml = `${stem(f.name)}.xml`;
      items.push({ key: join(imgDir, entry.name, f.name), label, wnid: entry.name, ...(xmls.has(xml) ? { xmlKey: join(annDir, entry.name, xml) } : {}) });
    }
  }
  if (items.length === 0) {
    const tars = (await listDir(join(root, imgDir))).filter((e) => e.name.endsWith('.tar')).length;
    throw new Error(`${join(root, imgDir)}: no images${tars > 0 ? ` (${tars} .tar files: extract each class tar into a <wnid>/ directory first)` : ''}`);
  }
  return items;
}

async function officialSource(root: string, split: SplitName): Promise<SplitSource> {
  const devkit = await devkitClasses(root);
  if (split === 'det-train' || split === 'det-val') return detectionSource(root, split, devkit);
  if (split === 'train') {
    let classes = devkit?.classes;
    if (!classes) {
      const dirs = (await listDir(join(root, 'train'))).filter((e) => e.isDir).map((e) => e.name);
      const bad = dirs.find((d) => !WNID.test(d));
      if (bad) throw new Error(`${join(root, 'train', bad)}: '${bad}' is not a wnid directory`);
      classes = classesFromWnids(dirs);
    }
    const items = await classFolders(root, 'train', join('bbox', 'train'), classes, devkit?.file ?? join(root, 'train'));
    return { layout: 'official', classes, detection: false, items };
  }
  // val: labels from the devkit's ground truth, which holds ILSVRC2012_IDs (meta.mat order).
  if (!devkit) throw new Error(`${root}: the val split needs the devkit (${DEVKIT_DIRS.map((d) => join(d, 'data', 'meta.mat')).join(' or ')})`);
  const gtFile = devkitFile(root, 'ILSVRC2012_validation_ground_truth.txt');
  if (!gtFile) throw new Error(`${root}: no devkit data/ILSVRC2012_validation_ground_truth.txt`);
  const gtLines = (await readFile(gtFile, 'utf8')).split('\n');
  if (gtLines.at(-1)?.trim() === '') gtLines.pop();
  const index = new Map(devkit.classes.map((c) => [c.wnid, c.index]));
  const xmls = new Set((await listDir(join(root, 'bbox', 'val'))).map((e) => e.name));
  const items: SourceItem[] = [];
  for (const f of await listDir(join(root, 'val'))) {
    if (f.isDir) continue;
    const m = VAL_NAME.exec(f.name);
    if (!m) throw new Error(`${join(root, 'val', f.name)}: not named ILSVRC2012_val_<8 digits>.JPEG`);
    const n = Number(m[1]);
    const line = gtLines[n - 1];
    if (line === undefined || line.trim() === '') throw new Error(`${gtFile}:${n}: missing ground-truth line for ${f.name} (the file has ${gtLines.length} lines)`);
    if (!/^\s*\d+\s*$/.test(line)) throw new Error(`${gtFile}:${n}: expected an ILSVRC2012_ID, got '${line.trim().slice(0, 40)}'`);
    const id = Number(line);
    const wnid = devkit.wnidById.get(id);
    if (wnid === undefined) throw new Error(`${gtFile}:${n}: ILSVRC2012_ID ${id} is not a class of ${devkit.file}`);
    const xml = `${stem(f.name)}.xml`;
    items.push({ key: join('val', f.name), label: index.get(wnid)!, wnid, ...(xmls.has(xml) ? { xmlKey: join('bbox', 'val', xml) } : {}) });
  }
  if (items.length === 0) throw new Error(`${join(root, 'val')}: no images`);
  return { layout: 'official', classes: devkit.classes, detection: false, items };
}

async function detectionSource(root: string, split: SplitName, devkit: { classes: ClassInfo[]; file: string } | null): Promise<SplitSource> {
  const sub = split === 'det-train' ? 'train' : 'val';
  const imgDir = join('det', sub);
  const annDir = join('det', 'annotations', sub);
  const xmls = new Set((await listDir(join(root, annDir))).map((e) => e.name));
  const items: SourceItem[] = (await listDir(join(root, imgDir)))
    .filter((f) => !f.isDir)
    .map((f) => {
      const xml = `${stem(f.name)}.xml`;
      return { key: join(imgDir, f.name), label: -1, wnid: '', ...(xmls.has(xml) ? { xmlKey: join(annDir, xml) } : {}) };
    });
  if (items.length === 0) throw new Error(`${join(root, imgDir)}: no images`);
  // Without a devkit the classes are whatever the annotations name (resolved while ingesting).
  return { layout: 'official', classes: devkit?.classes ?? [], detection: true, items };
}

/** Kaggle's LOC_val_solution.csv: "ImageId,PredictionString" with "wnid xmin ymin xmax ymax …". */
export function parseValSolution(text: string, file: string): Map<string, Box[]> {
  const lines = text.split('\n');
  const header = lines[0]?.replace(/\r$/, '').trim();
  if (header !== 'ImageId,PredictionString') throw new Error(`${file}:1: expected header 'ImageId,PredictionString', got '${header?.slice(0, 60)}'`);
  const out = new Map<string, Box[]>();
  lines.slice(1).forEach((raw, i) => {
    const lineNo = i + 2;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const comma = line.indexOf(',');
    if (comma < 0) throw new Error(`${file}:${lineNo}: expected 'ImageId,PredictionString'`);
    const id = line.slice(0, comma).trim();
    const tokens = line.slice(comma + 1).trim().split(/\s+/).filter((t) => t !== '');
    if (tokens.length === 0 || tokens.length % 5 !== 0) throw new Error(`${file}:${lineNo}: PredictionString has ${tokens.length} tokens, expected groups of 5 (wnid xmin ymin xmax ymax)`);
    const boxes: Box[] = [];
    for (let t = 0; t < tokens.length; t += 5) {
      const [wnid, ...coords] = tokens.slice(t, t + 5);
      if (!WNID.test(wnid!)) throw new Error(`${file}:${lineNo}: '${wnid}' is not a wnid`);
      const nums = coords.map(Number);
      if (nums.some((x) => !Number.isFinite(x))) throw new Error(`${file}:${lineNo}: box coordinates '${coords.join(' ')}' are not numbers`);
      boxes.push({ wnid: wnid!, xmin: Math.round(nums[0]!), ymin: Math.round(nums[1]!), xmax: Math.round(nums[2]!), ymax: Math.round(nums[3]!) });
    }
    if (out.has(id)) throw new Error(`${file}:${lineNo}: ImageId ${id} listed twice`);
    out.set(id, boxes);
  });
  return out;
}

async function kaggleSource(root: string, split: SplitName): Promise<SplitSource> {
  if (split !== 'train' && split !== 'val') throw new Error(`${root}: the Kaggle layout has no detection split '${split}' (use the official det/ layout)`);
  const mappingFile = join(root, 'LOC_synset_mapping.txt');
  if (!existsSync(mappingFile)) throw new Error(`${root}: Kaggle layout without LOC_synset_mapping.txt`);
  const words = parseSynsetMapping(await readFile(mappingFile, 'utf8'), mappingFile);
  const classes = classesFromWnids(words.keys(), (w) => words.get(w) ?? '');
  if (split === 'train') {
    return { layout: 'kaggle', classes, detection: false, items: await classFolders(root, join(KAGGLE_CLS, 'train'), join(KAGGLE_ANN, 'train'), classes, mappingFile) };
  }
  const csvFile = join(root, 'LOC_val_solution.csv');
  if (!existsSync(csvFile)) throw new Error(`${root}: Kaggle layout without LOC_val_solution.csv`);
  const solution = parseValSolution(await readFile(csvFile, 'utf8'), csvFile);
  const index = new Map(classes.map((c) => [c.wnid, c.index]));
  const items: SourceItem[] = [];
  for (const f of await listDir(join(root, KAGGLE_CLS, 'val'))) {
    if (f.isDir) continue;
    const boxes = solution.get(stem(f.name));
    if (!boxes) throw new Error(`${csvFile}: no line for ${f.name}`);
    // The first token of PredictionString is the image's class.
    const wnid = boxes[0]!.wnid;
    const label = index.get(wnid);
    if (label === undefined) throw new Error(`${csvFile}: ${stem(f.name)} has unknown wnid '${wnid}' (not in ${mappingFile})`);
    for (const b of boxes) if (!index.has(b.wnid)) throw new Error(`${csvFile}: ${stem(f.name)} has a box of unknown wnid '${b.wnid}'`);
    items.push({ key: join(KAGGLE_CLS, 'val', f.name), label, wnid, boxes });
  }
  if (items.length === 0) throw new Error(`${join(root, KAGGLE_CLS, 'val')}: no images`);
  return { layout: 'kaggle', classes, detection: false, items };
}

/** Enumerates a split: its classes and every image with its label and where its boxes are. */
export async function readSplitSource(root: string, split: SplitName, layout: 'auto' | LayoutName = 'auto'): Promise<SplitSource> {
  if (!existsSync(root)) throw new Error(`${root}: no such directory`);
  const resolved = layout === 'auto' ? detectLayout(root) : layout;
  return resolved === 'kaggle' ? kaggleSource(root, split) : officialSource(root, split);
}
