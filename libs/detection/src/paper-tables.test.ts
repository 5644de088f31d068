import { describe, expect, it } from 'vitest';
import { formatDetectionTables, PAPER_TABLE4, PAPER_TABLE5 } from './paper-tables.js';
import { formatIlsvrcSubmission } from './pipeline/detections-file.js';

describe('paper tables', () => {
  it('holds the paper’s detection numbers', () => {
    expect(PAPER_TABLE4.find((r) => r.team === 'GoogLeNet')?.mAPPercent).toBe(43.9);
    expect(PAPER_TABLE5.find((r) => r.team === 'GoogLeNet')).toMatchObject({ mAPPercent: 38.02, boundingBoxRegression: 'no' });
    expect(PAPER_TABLE5.map((r) => r.mAPPercent)).toEqual([31.6, 34.5, 35.4, 37.7, 38.02, 40.2]);
  });

  it('prints ours beside the paper', () => {
    const md = formatDetectionTables({
      mAP: 0.4567,
      perClassAP: { n2: 0.5, n1: null },
      images: 3,
      proposalsPerImage: 1234.4,
      recallAt05: 0.95,
      recallCurve: [{ proposals: 10, recall: 0.5 }],
      backend: 'cpu',
      wallSeconds: 12.34,
    });
    expect(md).toContain('| GoogLeNet | 38.02% | no | no |');
    expect(md).toContain('| ours (this reproduction, 1 model) | 45.67% | no | no |');
    expect(md).toContain('| n1 | n/a (no ground truth) |');
    expect(md).toContain('| 10 | 50.00% |');
    expect(md).toContain('1234 proposals per image');
  });
});

describe('ILSVRC submission format', () => {
  it('writes 1-based image and class indices, sorted by image then class', () => {
    const dets = [
      { image: 'b', wnid: 'n2', score: 0.5, xmin: 1, ymin: 2, xmax: 3, ymax: 4 },
      { image: 'a', wnid: 'n2', score: 0.25, xmin: 5, ymin: 6, xmax: 7, ymax: 8 },
    ];
    expect(formatIlsvrcSubmission(dets, ['a', 'b'], ['n1', 'n2'])).toBe('1 2 0.250000 5 6 7 8\n2 2 0.500000 1 2 3 4\n');
    expect(() => formatIlsvrcSubmission(dets, ['a'], ['n1', 'n2'])).toThrow(/image 'b'/);
  });
});
