import { readJsonl, writeFileAtomic } from '@googlenet/util';
import type { Rect } from '../boxes.js';

/** One line of `proposals.jsonl`: ranked boxes of an image, in original-image pixels. */
export interface ImageProposals {
  image: string;
  width: number;
  height: number;
  /** [xmin, ymin, xmax, ymax] per proposal, best first. */
  boxes: [number, number, number, number][];
}

export function toProposalLine(image: string, width: number, height: number, boxes: readonly Rect[]): ImageProposals {
  return { image, width, height, boxes: boxes.map((b) => [b.xmin, b.ymin, b.xmax, b.ymax]) };
}

export function proposalRects(line: ImageProposals): Rect[] {
  return line.boxes.map(([xmin, ymin, xmax, ymax]) => ({ xmin, ymin, xmax, ymax }));
}

export async function writeProposals(path: string, lines: readonly ImageProposals[]): Promise<void> {
  await writeFileAtomic(path, lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : ''));
}

/** Reads `proposals.jsonl` into a map by image key, checking every line's shape. */
export function readProposals(path: string): Map<string, ImageProposals> {
  const out = new Map<string, ImageProposals>();
  readJsonl<ImageProposals>(path).forEach((l, i) => {
    const ok =
      typeof l.image === 'string' &&
      Array.isArray(l.boxes) &&
      l.boxes.every((b) => Array.isArray(b) && b.length === 4 && b.every(Number.isFinite) && b[0] <= b[2] && b[1] <= b[3]);
    if (!ok) throw new Error(`${path}:${i + 1}: expected {image, width, height, boxes: [[xmin, ymin, xmax, ymax], …]}`);
    out.set(l.image, l);
  });
  return out;
}
