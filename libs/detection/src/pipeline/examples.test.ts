import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLES, detectionExamples } from './examples.js';

describe('report examples', () => {
  it('draws ground truth and the best detections (≥ 0.5, at least one, at most five)', async () => {
    const jpeg = new Uint8Array(await sharp({ create: { width: 40, height: 20, channels: 3, background: '#808080' } }).jpeg().toBuffer());
    const images = [
      { key: 'a', width: 80, height: 40, image: jpeg, boxes: [{ wnid: 'n1', xmin: 1, ymin: 2, xmax: 30, ymax: 20 }] },
      { key: 'b', width: 80, height: 40, image: jpeg, boxes: [] },
    ];
    const det = (image: string, score: number) => ({ image, wnid: 'n1', score, xmin: 0, ymin: 0, xmax: 9, ymax: 9 });
    const ex = await detectionExamples(images, [det('a', 0.4), det('a', 0.9), det('b', 0.2), det('a', 0.6), det('b', 0.1)], DEFAULT_EXAMPLES);
    expect(ex.map((e) => e.detections.map((d) => d.score))).toEqual([[0.9, 0.6], [0.2]]);
    expect(ex[0]).toMatchObject({ title: 'a', widthPx: 80, heightPx: 40, truth: [{ label: 'n1', xmin: 1, ymin: 2, xmax: 30, ymax: 20 }] });
    const thumb = await sharp(Buffer.from(ex[0]!.jpegBase64, 'base64')).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 40, 20]); // never enlarged
  });
});
