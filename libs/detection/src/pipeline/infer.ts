import * as tf from '@tensorflow/tfjs';
import { PIXEL_MEAN_RGB } from '@googlenet/model';
import { Progress, type JsonlLog } from '@googlenet/util';
import type { Detection, Rect } from '../boxes.js';
import { perClassNms } from '../nms.js';
import type { DetectorMeta } from '../regions/detector-model.js';
import { warpRegion } from '../regions/warp.js';
import type { ImageDetection } from '../average-precision.js';
import { decodeDetectionImage, toDecoded, toOriginal, type DetectionImage } from './source.js';

export interface InferOptions {
  /** Regions scored per forward pass. */
  batchSize: number;
  /** Per-class NMS overlap (the paper / R-CNN: 0.3). */
  nmsIou: number;
  /** Detections kept per image (ILSVRC allows 100... we keep the best that many after NMS). */
  maxDetections: number;
  /** Candidates below this class probability are dropped before NMS. */
  minScore: number;
  /** Per class, only the best this many candidates enter NMS (bounds NMS cost). */
  maxCandidatesPerClass: number;
  total?: number;
  log?: JsonlLog;
  progress?: boolean;
}

export const DEFAULT_INFER: InferOptions = { batchSize: 32, nmsIou: 0.3, maxDetections: 100, minScore: 1e-3, maxCandidatesPerClass: 300 };

/**
 * Class probabilities (softmax of the logits) of every region, one row per box:
 * [background, class 0, class 1, …]. Regions are warped from the one decoded image in batches.
 */
export function scoreRegions(model: tf.LayersModel, meta: DetectorMeta, rgb: Parameters<typeof warpRegion>[0], boxes: readonly Rect[], batchSize: number): Float32Array[] {
  const S = meta.inputSizePx;
  const pixels = S * S * 3;
  const warp = { inputSizePx: S, contextPx: meta.contextPx, meanRgb: PIXEL_MEAN_RGB };
  const rows: Float32Array[] = [];
  for (let start = 0; start < boxes.length; start += batchSize) {
    const n = Math.min(batchSize, boxes.length - start);
    const buffer = new Float32Array(n * pixels);
    for (let i = 0; i < n; i++) warpRegion(rgb, boxes[start + i], warp, buffer, i * pixels);
    const probs = tf.tidy(() => {
      const out = model.predict(tf.tensor4d(buffer, [n, S, S, 3]));
      const logits = Array.isArray(out) ? out[0] : out;
      return tf.softmax(logits);
    });
    const flat = probs.dataSync() as Float32Array;
    probs.dispose();
    const k = meta.classes.length + 1;
    for (let i = 0; i < n; i++) rows.push(flat.slice(i * k, (i + 1) * k));
  }
  return rows;
}

/** Proposals → batched scoring → per-class NMS → at most maxDetections, in the image's own pixels. */
export function detectionsFromScores(meta: DetectorMeta, boxes: readonly Rect[], probs: readonly Float32Array[], opts: InferOptions): Detection[] {
  const candidates: Detection[] = [];
  meta.classes.forEach((wnid, c) => {
    const cls: Detection[] = [];
    boxes.forEach((b, i) => {
      const score = probs[i][c + 1];
      if (score >= opts.minScore) cls.push({ wnid, score, xmin: b.xmin, ymin: b.ymin, xmax: b.xmax, ymax: b.ymax });
    });
    cls.sort((a, b) => b.score - a.score);
    candidates.push(...cls.slice(0, opts.maxCandidatesPerClass));
  });
  return perClassNms(candidates, opts.nmsIou, opts.maxDetections);
}

/** Detects objects in every image; `proposals` (original pixels) by image key. */
export async function detectAll(
  model: tf.LayersModel,
  meta: DetectorMeta,
  images: Iterable<DetectionImage> | AsyncIterable<DetectionImage>,
  proposals: ReadonlyMap<string, readonly Rect[]>,
  opts: InferOptions,
): Promise<ImageDetection[]> {
  const progress = new Progress({ label: 'detect', total: opts.total, unit: 'img', enabled: opts.progress });
  const out: ImageDetection[] = [];
  for await (const img of images) {
    const props = proposals.get(img.key);
    if (!props) throw new Error(`detect: no proposals for image '${img.key}'`);
    const t0 = performance.now();
    const decoded = await decodeDetectionImage(img);
    const boxes = props.map((b) => toDecoded(decoded, b));
    const probs = scoreRegions(model, meta, decoded.rgb, boxes, opts.batchSize);
    const dets = detectionsFromScores(meta, boxes, probs, opts).map((d) => ({ image: img.key, ...toOriginal(decoded, d) }));
    out.push(...dets);
    opts.log?.write('detect', { image: img.key, proposals: boxes.length, detections: dets.length, seconds: (performance.now() - t0) / 1000 });
    progress.tick(1, `${dets.length} dets`);
  }
  progress.finish();
  return out;
}
