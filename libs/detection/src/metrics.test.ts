import { describe, expect, it } from 'vitest';
import { evaluateDetections, interpolatedAp, type GroundTruthImage, type ImageDetection } from './average-precision.js';
import { boxArea, ilsvrcIouThreshold, iou, scaleRect } from './boxes.js';
import { nms, perClassNms } from './nms.js';
import { proposalRecallCurve } from './proposal-recall.js';

const box = (xmin: number, ymin: number, xmax: number, ymax: number) => ({ xmin, ymin, xmax, ymax });

describe('boxes', () => {
  it('uses inclusive pixel coordinates (devkit +1 convention)', () => {
    expect(boxArea(box(3, 4, 3, 4))).toBe(1);
    // 10×10 boxes overlapping in a 5×5 corner: 25 / (100 + 100 − 25)
    expect(iou(box(0, 0, 9, 9), box(5, 5, 14, 14))).toBeCloseTo(25 / 175, 12);
    expect(iou(box(0, 0, 9, 9), box(10, 0, 19, 9))).toBe(0);
    expect(iou(box(2, 3, 40, 50), box(2, 3, 40, 50))).toBe(1);
  });

  it('relaxes the threshold for small ground truth: min(0.5, wh/((w+10)(h+10)))', () => {
    expect(ilsvrcIouThreshold(box(0, 0, 9, 19))).toBeCloseTo(200 / (20 * 30), 12); // 10×20 → 1/3
    expect(ilsvrcIouThreshold(box(0, 0, 99, 99))).toBe(0.5); // 10000/12100 > 0.5
  });

  it('maps boxes between a downscaled grid and the original', () => {
    // 0..99 in a 100-px-wide image is 0..199 in the 200-px original.
    expect(scaleRect(box(0, 10, 99, 49), 2, 2)).toEqual(box(0, 20, 199, 99));
    expect(scaleRect(box(0, 20, 199, 99), 0.5, 0.5)).toEqual(box(0, 10, 99, 49));
    // Pixel 11 of a 2× grid is pixel 5.5 → never an empty box.
    expect(scaleRect(box(11, 11, 11, 11), 0.5, 0.5)).toEqual(box(6, 6, 6, 6));
  });
});

describe('nms', () => {
  it('keeps the best box and drops overlaps above the threshold', () => {
    const a = { ...box(0, 0, 9, 9), score: 0.9 };
    const b = { ...box(1, 0, 10, 9), score: 0.8 }; // IoU with a: 90/110
    const c = { ...box(20, 20, 29, 29), score: 0.7 };
    const d = { ...box(0, 0, 9, 14), score: 0.95 }; // IoU with a: 100/150, with b: 90/160
    expect(nms([a, b, c, d], 0.3)).toEqual([d, c]);
    // At 0.7: a (0.667 with d) survives d, then a suppresses b (0.818).
    expect(nms([a, b, c, d], 0.7)).toEqual([d, a, c]);
  });

  it('suppresses within a class only and caps the count', () => {
    const dets = [
      { wnid: 'n1', score: 0.9, ...box(0, 0, 9, 9) },
      { wnid: 'n2', score: 0.8, ...box(0, 0, 9, 9) },
      { wnid: 'n1', score: 0.7, ...box(0, 0, 9, 8) },
    ];
    expect(perClassNms(dets, 0.3).map((d) => [d.wnid, d.score])).toEqual([
      ['n1', 0.9],
      ['n2', 0.8],
    ]);
    expect(perClassNms(dets, 0.3, 1)).toHaveLength(1);
  });
});

describe('ILSVRC average precision', () => {
  it('interpolates precision as the VOC devkit does', () => {
    // Recall .5,.5,.5,1 with precision 1,.5,1/3,.5: area = .5·1 + .5·.5
    expect(interpolatedAp([0.5, 0.5, 0.5, 1], [1, 0.5, 1 / 3, 0.5])).toBeCloseTo(0.75, 12);
    expect(interpolatedAp([], [])).toBe(0);
  });

  const gt: GroundTruthImage[] = [
    { image: 'i1', boxes: [{ wnid: 'a', ...box(0, 0, 99, 99) }] },
    { image: 'i2', boxes: [{ wnid: 'a', ...box(0, 0, 99, 99) }, { wnid: 'b', ...box(300, 300, 349, 349) }] },
    { image: 'i3', boxes: [] },
  ];

  it('counts duplicates and misses as false positives, by descending score', () => {
    const dets: ImageDetection[] = [
      { image: 'i2', wnid: 'a', score: 0.6, ...box(0, 0, 99, 99) }, // TP (4th by score)
      { image: 'i1', wnid: 'a', score: 0.9, ...box(0, 0, 99, 99) }, // TP
      { image: 'i1', wnid: 'a', score: 0.8, ...box(1, 1, 99, 99) }, // duplicate → FP
      { image: 'i3', wnid: 'a', score: 0.7, ...box(0, 0, 99, 99) }, // image without ground truth → FP
      { image: 'i2', wnid: 'c', score: 0.5, ...box(0, 0, 9, 9) }, // class without ground truth
    ];
    const r = evaluateDetections(gt, dets);
    const a = r.perClass.find((c) => c.wnid === 'a')!;
    expect([a.truePositives, a.falsePositives, a.numGroundTruth]).toEqual([2, 2, 2]);
    expect(a.ap).toBeCloseTo(0.75, 12); // TP FP FP TP: the worked example above
    expect(r.perClassAP).toEqual({ a: a.ap, b: 0, c: null }); // b: ground truth, no detections
    expect(r.mAP).toBeCloseTo((0.75 + 0) / 2, 12); // c is left out
  });

  it('accepts a small box at the relaxed threshold that a large box fails', () => {
    const small = box(10, 10, 19, 19); // 10×10 → threshold 100/400 = 0.25
    const large = box(100, 100, 199, 199); // 100×100 → 0.5
    const g: GroundTruthImage[] = [{ image: 'x', boxes: [{ wnid: 's', ...small }, { wnid: 'l', ...large }] }];
    const d: ImageDetection[] = [
      { image: 'x', wnid: 's', score: 1, ...box(10, 10, 39, 19) }, // IoU 100/300 = 1/3 ≥ 0.25 → TP
      { image: 'x', wnid: 'l', score: 1, ...box(100, 100, 399, 199) }, // IoU 1/3 < 0.5 → FP
    ];
    expect(iou(d[0], small)).toBeCloseTo(1 / 3, 12);
    expect(evaluateDetections(g, d).perClassAP).toEqual({ l: 0, s: 1 });
  });

  it('lets a second detection take the next unmatched box (devkit rule)', () => {
    const g: GroundTruthImage[] = [{ image: 'x', boxes: [{ wnid: 'a', ...box(0, 0, 99, 99) }, { wnid: 'a', ...box(20, 0, 119, 99) }] }];
    // Both detections overlap the first box best; the second then matches the other (IoU 80/120 ≥ 0.5).
    const d: ImageDetection[] = [
      { image: 'x', wnid: 'a', score: 0.9, ...box(0, 0, 99, 99) },
      { image: 'x', wnid: 'a', score: 0.8, ...box(5, 0, 104, 99) },
    ];
    const r = evaluateDetections(g, d).perClass[0];
    expect([r.truePositives, r.falsePositives, r.ap]).toEqual([2, 0, 1]);
  });

  it('rejects detections for unknown images', () => {
    expect(() => evaluateDetections(gt, [{ image: 'zz', wnid: 'a', score: 1, ...box(0, 0, 1, 1) }])).toThrow(/image 'zz'/);
  });
});

describe('proposal recall', () => {
  it('pools ground truth over images and counts the first N proposals', () => {
    const A = box(0, 0, 49, 49);
    const B = box(100, 100, 149, 149);
    const C = box(200, 0, 249, 49);
    const curve = proposalRecallCurve(
      [[A], [B, C]],
      [
        [box(300, 300, 310, 310), box(0, 0, 49, 59)], // second proposal covers A (IoU 50·50/(50·60) = 0.83)
        [box(100, 100, 149, 149)],
      ],
      [1, 2, 3],
    );
    expect(curve).toEqual([
      { proposals: 1, recall: 1 / 3 },
      { proposals: 2, recall: 2 / 3 },
      { proposals: 3, recall: 2 / 3 },
    ]);
  });
});
