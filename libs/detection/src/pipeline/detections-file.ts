import { readJsonl, writeFileAtomic } from '@googlenet/util';
import type { ImageDetection } from '../average-precision.js';

/** `detections.jsonl`: one detection per line, {image, wnid, score, xmin, ymin, xmax, ymax}, original pixels. */
export async function writeDetectionsJsonl(path: string, detections: readonly ImageDetection[]): Promise<void> {
  const lines = detections.map((d) =>
    JSON.stringify({ image: d.image, wnid: d.wnid, score: d.score, xmin: d.xmin, ymin: d.ymin, xmax: d.xmax, ymax: d.ymax }),
  );
  await writeFileAtomic(path, lines.join('\n') + (lines.length > 0 ? '\n' : ''));
}

export function readDetectionsJsonl(path: string): ImageDetection[] {
  return readJsonl<ImageDetection>(path).map((d, i) => {
    const numbers = [d.score, d.xmin, d.ymin, d.xmax, d.ymax];
    if (typeof d.image !== 'string' || typeof d.wnid !== 'string' || !numbers.every(Number.isFinite)) {
      throw new Error(`${path}:${i + 1}: expected {image, wnid, score, xmin, ymin, xmax, ymax}`);
    }
    return d;
  });
}

/**
 * The ILSVRC devkit's submission format: one line per detection,
 * `<image_index> <class_index> <confidence> <xmin> <ymin> <xmax> <ymax>`, both indices 1-based:
 * the image's position in `imageOrder` (the devkit's val list order) and the class's position in
 * `classOrder` (the devkit's meta_det.mat ILSVRC2014_DET_ID order when given in that order).
 */
export function formatIlsvrcSubmission(detections: readonly ImageDetection[], imageOrder: readonly string[], classOrder: readonly string[]): string {
  const imageIndex = new Map(imageOrder.map((k, i) => [k, i + 1]));
  const classIndex = new Map(classOrder.map((w, i) => [w, i + 1]));
  const rows = detections.map((d) => {
    const im = imageIndex.get(d.image);
    const c = classIndex.get(d.wnid);
    if (im === undefined) throw new Error(`submission: image '${d.image}' is not in the image list`);
    if (c === undefined) throw new Error(`submission: class '${d.wnid}' is not in the class list`);
    return { im, c, line: `${im} ${c} ${d.score.toFixed(6)} ${d.xmin} ${d.ymin} ${d.xmax} ${d.ymax}` };
  });
  rows.sort((a, b) => a.im - b.im || a.c - b.c);
  return rows.map((r) => r.line).join('\n') + (rows.length > 0 ? '\n' : '');
}
