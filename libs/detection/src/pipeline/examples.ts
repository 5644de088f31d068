import sharp from 'sharp';
import type { ImageDetection } from '../average-precision.js';
import type { DetectionImage } from './source.js';

/** A box for the report's example grid (original-image pixels); score absent for ground truth. */
export interface ExampleBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  label: string;
  score?: number;
}

/** One image of the report's example-detections grid (`detect/examples.json`). */
export interface DetectionExample {
  title: string;
  /** A JPEG thumbnail, base64. */
  jpegBase64: string;
  /** Size of the original image, the frame of the boxes. */
  widthPx: number;
  heightPx: number;
  truth: ExampleBox[];
  detections: ExampleBox[];
}

export interface ExampleOptions {
  /** Images in the grid (the first ones of the split). */
  count: number;
  /** Detections at or above this score are drawn… */
  minScore: number;
  /** …but at least this many and at most `maxPerImage`, best first. */
  minPerImage: number;
  maxPerImage: number;
  thumbnailMaxSidePx: number;
}

export const DEFAULT_EXAMPLES: ExampleOptions = { count: 6, minScore: 0.5, minPerImage: 1, maxPerImage: 5, thumbnailMaxSidePx: 320 };

/** Thumbnails with ground truth and our best detections, for the report. */
export async function detectionExamples(
  images: readonly DetectionImage[],
  detections: readonly ImageDetection[],
  opts: ExampleOptions = DEFAULT_EXAMPLES,
): Promise<DetectionExample[]> {
  const out: DetectionExample[] = [];
  for (const img of images.slice(0, opts.count)) {
    const mine = detections.filter((d) => d.image === img.key).sort((a, b) => b.score - a.score);
    const shown = mine.filter((d, i) => i < opts.minPerImage || d.score >= opts.minScore).slice(0, opts.maxPerImage);
    const thumb = await sharp(img.image)
      .resize(opts.thumbnailMaxSidePx, opts.thumbnailMaxSidePx, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    out.push({
      title: img.key,
      jpegBase64: thumb.toString('base64'),
      widthPx: img.width,
      heightPx: img.height,
      truth: img.boxes.map((b) => ({ xmin: b.xmin, ymin: b.ymin, xmax: b.xmax, ymax: b.ymax, label: b.wnid })),
      detections: shown.map((d) => ({ xmin: d.xmin, ymin: d.ymin, xmax: d.xmax, ymax: d.ymax, label: d.wnid, score: d.score })),
    });
  }
  return out;
}
