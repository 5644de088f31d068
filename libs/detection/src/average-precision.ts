import { ilsvrcIouThreshold, iou, type Detection, type LabelledBox } from './boxes.js';

/** Ground truth of one image; an image may have no boxes at all (then every detection is false). */
export interface GroundTruthImage {
  image: string;
  boxes: LabelledBox[];
}

export interface ImageDetection extends Detection {
  image: string;
}

export interface ClassResult {
  wnid: string;
  /** null when the class has no ground-truth box anywhere (AP undefined; left out of the mAP). */
  ap: number | null;
  numGroundTruth: number;
  numDetections: number;
  truePositives: number;
  falsePositives: number;
}

export interface DetectionEvaluation {
  /** Mean of AP over the classes that have ground truth. */
  mAP: number;
  perClassAP: Record<string, number | null>;
  perClass: ClassResult[];
}

/**
 * VOC-style average precision: the area under the precision-recall curve after precision is made
 * monotonically non-increasing in recall (each point takes the best precision at any higher recall),
 * as `VOCap` in the ILSVRC devkit.
 */
export function interpolatedAp(recall: readonly number[], precision: readonly number[]): number {
  const mrec = [0, ...recall, 1];
  const mpre = [0, ...precision, 0];
  for (let i = mpre.length - 2; i >= 0; i--) mpre[i] = Math.max(mpre[i], mpre[i + 1]);
  let ap = 0;
  for (let i = 1; i < mrec.length; i++) ap += (mrec[i] - mrec[i - 1]) * mpre[i];
  return ap;
}

/**
 * Per-class AP and mAP by the ILSVRC detection rule (devkit eval_detection.m): detections of a
 * class are taken by descending score (ties in input order); each matches the unmatched
 * ground-truth box of its class in its image with the highest IoU among those reaching
 * min(0.5, wh/((w+10)(h+10))); a detection matching nothing, or only already-matched boxes
 * (a duplicate), is a false positive.
 *
 * `classes` defaults to every class seen in the ground truth or the detections.
 */
export function evaluateDetections(
  groundTruth: readonly GroundTruthImage[],
  detections: readonly ImageDetection[],
  classes?: readonly string[],
): DetectionEvaluation {
  const gtByImage = new Map<string, LabelledBox[]>();
  for (const g of groundTruth) {
    if (gtByImage.has(g.image)) throw new Error(`ground truth lists image '${g.image}' twice`);
    gtByImage.set(g.image, g.boxes);
  }
  for (const d of detections) {
    if (!gtByImage.has(d.image)) throw new Error(`detection for image '${d.image}', which is not in the ground truth`);
    if (!Number.isFinite(d.score)) throw new Error(`detection for image '${d.image}' has a non-finite score ${d.score}`);
  }
  const classList =
    classes ?? [...new Set([...groundTruth.flatMap((g) => g.boxes.map((b) => b.wnid)), ...detections.map((d) => d.wnid)])].sort();

  const perClass = classList.map((wnid) => evaluateClass(wnid, groundTruth, detections));
  const withGt = perClass.filter((c) => c.ap !== null);
  const mAP = withGt.length === 0 ? 0 : withGt.reduce((s, c) => s + c.ap!, 0) / withGt.length;
  return { mAP, perClassAP: Object.fromEntries(perClass.map((c) => [c.wnid, c.ap])), perClass };
}

function evaluateClass(wnid: string, groundTruth: readonly GroundTruthImage[], detections: readonly ImageDetection[]): ClassResult {
  const gt = new Map<string, { box: LabelledBox; threshold: number; matched: boolean }[]>();
  let numGroundTruth = 0;
  for (const g of groundTruth) {
    const boxes = g.boxes.filter((b) => b.wnid === wnid).map((box) => ({ box, threshold: ilsvrcIouThreshold(box), matched: false }));
    numGroundTruth += boxes.length;
    gt.set(g.image, boxes);
  }
  const dets = detections
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.wnid === wnid)
    .sort((a, b) => b.d.score - a.d.score || a.i - b.i)
    .map(({ d }) => d);

  let tp = 0;
  let fp = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  for (const d of dets) {
    let best = -1;
    let bestIou = -Infinity;
    const candidates = gt.get(d.image)!;
    candidates.forEach((g, k) => {
      if (g.matched) return;
      const o = iou(d, g.box);
      if (o >= g.threshold && o > bestIou) {
        bestIou = o;
        best = k;
      }
    });
    if (best >= 0) {
      candidates[best].matched = true;
      tp++;
    } else {
      fp++;
    }
    recall.push(numGroundTruth > 0 ? tp / numGroundTruth : 0);
    precision.push(tp / (tp + fp));
  }
  return {
    wnid,
    ap: numGroundTruth === 0 ? null : interpolatedAp(recall, precision),
    numGroundTruth,
    numDetections: dets.length,
    truePositives: tp,
    falsePositives: fp,
  };
}
