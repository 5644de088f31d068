/** A labelled box in original-image pixel coordinates, inclusive of xmin/ymin, as in ILSVRC's XML. */
export interface Box {
  wnid: string;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/** One row of a shard: an image and everything known about it. */
export interface ImageRecord {
  /** Path relative to the dataset root, e.g. `train/n01440764/n01440764_10026.JPEG`. */
  key: string;
  /** Class index (position of the wnid in sorted-wnid order); -1 for detection rows. */
  label: number;
  /** The image's class wnid; '' for detection rows (their classes are in `boxes`). */
  wnid: string;
  /** ORIGINAL image size in pixels (the frame the boxes are in). */
  width: number;
  height: number;
  /** Size of the stored JPEG (shorter side capped at ingest; never upscaled). */
  storedWidth: number;
  storedHeight: number;
  /** The re-encoded image: baseline sRGB 3-channel JPEG. */
  image: Uint8Array;
  boxes: Box[];
  /** What the decoder saw in the source file: format ('jpeg', 'png', …), colour space ('srgb', 'cmyk', 'b-w', …), channels. */
  format: string;
  space: string;
  channels: number;
}

export interface ClassInfo {
  index: number;
  wnid: string;
  words: string;
}

export interface ShardInfo {
  file: string;
  rows: number;
  /** Rows in each record batch, in order. */
  batchRows: number[];
  bytes: number;
  sha256: string;
}

export interface QuarantineEntry {
  /** Path relative to the dataset root. */
  path: string;
  reason: string;
}

export type SplitName = 'train' | 'val' | 'det-train' | 'det-val';
export type LayoutName = 'official' | 'kaggle';

/** The settings that decide a split's bytes; their hash names the run. */
export interface IngestConfig {
  split: SplitName;
  layout: LayoutName;
  shorterSideMaxPx: number;
  jpegQuality: number;
  maxInputPixels: number;
  rowsPerBatch: number;
  rowsPerShard: number;
  seed: number;
  limit: number | null;
}

/** `manifest.json` of a split's shard directory. */
export interface SplitManifest {
  version: 1;
  split: SplitName;
  /** Absolute or as-given dataset root the split was read from. */
  root: string;
  config: IngestConfig;
  configHash: string;
  classes: ClassInfo[];
  /** Detection splits: the classes that may appear in boxes (same indexing as `classes`). */
  detClasses?: ClassInfo[];
  numRows: number;
  /** Rows per class (classification) or boxes per class (detection), by wnid. */
  countsPerClass: Record<string, number>;
  shards: ShardInfo[];
  quarantined: QuarantineEntry[];
}
