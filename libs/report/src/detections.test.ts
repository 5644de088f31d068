import { describe, expect, it } from 'vitest';
import { boxRect, exampleSvg } from './detections.js';
import { TINY_JPEG_BASE64 } from './__fixtures__/inputs.js';

describe('example detections', () => {
  it('turns inclusive ILSVRC box corners into an SVG rect', () => {
    expect(boxRect({ xmin: 10, ymin: 5, xmax: 49, ymax: 34, label: 'a' })).toEqual({ x: 10, y: 5, width: 40, height: 30 });
  });

  it('draws boxes in image pixels over the inline JPEG, scaled to the display width', () => {
    const svg = exampleSvg(
      { title: 't', jpegBase64: TINY_JPEG_BASE64, widthPx: 440, heightPx: 220, truth: [], detections: [{ xmin: 0, ymin: 0, xmax: 99, ymax: 49, label: 'n1', score: 0.5 }] },
      220,
    );
    expect(svg).toContain('width="220" height="110" viewBox="0 0 440 220"');
    expect(svg).toContain(`href="data:image/jpeg;base64,${TINY_JPEG_BASE64}"`);
    // 2 page pixels of stroke are 4 image pixels at half scale.
    expect(svg).toContain('<rect class="detection" x="0" y="0" width="100" height="50" fill="none" stroke="#E4002B" stroke-width="4"/>');
    expect(svg).toContain('>n1 0.50</text>');
  });
});
