import { ShardDataset } from '@googlenet/data';
import type { GroundTruthImage } from '../average-precision.js';
import type { DetectionImage } from './source.js';

/** A detection split's shards (from `googlenet ingest --split det-train|det-val`) and its classes. */
export interface DetectionSplit {
  dataset: ShardDataset;
  /** Detection classes (WordNet ids, sorted): the manifest's detClasses, else its classes. */
  classes: string[];
  numImages: number;
}

export async function openDetectionSplit(dir: string, limit?: number): Promise<DetectionSplit> {
  const dataset = await ShardDataset.open(dir);
  const info = dataset.manifest.detClasses ?? dataset.manifest.classes;
  const classes = info.map((c) => c.wnid).sort();
  if (classes.length === 0) throw new Error(`${dir}/manifest.json: the split lists no classes`);
  return { dataset, classes, numImages: limit === undefined ? dataset.numRows : Math.min(limit, dataset.numRows) };
}

/** The split's rows in storage order (the first `numImages`), as detection images. */
export async function* detectionImages(split: DetectionSplit): AsyncIterable<DetectionImage> {
  let n = 0;
  for await (const row of split.dataset.rows()) {
    if (n++ >= split.numImages) return;
    yield row;
  }
}

export async function loadDetectionImages(split: DetectionSplit): Promise<DetectionImage[]> {
  const out: DetectionImage[] = [];
  for await (const img of detectionImages(split)) out.push(img);
  return out;
}

export function groundTruthOf(images: readonly DetectionImage[]): GroundTruthImage[] {
  return images.map((img) => ({ image: img.key, boxes: img.boxes }));
}
