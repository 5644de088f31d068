/** Example detections: the image as a base64 JPEG inside an SVG, boxes drawn over it in image pixels. */
import { escapeHtml } from './escape.js';
import { fmtCoord } from './svg.js';
import type { DetectionExample, ExampleBox } from './types.js';

/** Box coordinates are inclusive (ILSVRC XML), so a box from xmin to xmax is xmax − xmin + 1 pixels wide. */
export function boxRect(b: ExampleBox): { x: number; y: number; width: number; height: number } {
  return { x: b.xmin, y: b.ymin, width: b.xmax - b.xmin + 1, height: b.ymax - b.ymin + 1 };
}

function boxSvg(b: ExampleBox, kind: 'truth' | 'detection', strokePx: number, fontPx: number): string {
  const r = boxRect(b);
  const color = kind === 'truth' ? '#00A651' : '#E4002B';
  const label = b.score === undefined ? b.label : `${b.label} ${b.score.toFixed(2)}`;
  const dash = kind === 'truth' ? ` stroke-dasharray="${fmtCoord(strokePx * 3)} ${fmtCoord(strokePx * 2)}"` : '';
  return (
    `<rect class="${kind}" x="${fmtCoord(r.x)}" y="${fmtCoord(r.y)}" width="${fmtCoord(r.width)}" height="${fmtCoord(r.height)}" fill="none" stroke="${color}" stroke-width="${fmtCoord(strokePx)}"${dash}/>` +
    `<text x="${fmtCoord(r.x + strokePx)}" y="${fmtCoord(kind === 'truth' ? r.y + r.height - strokePx : r.y + fontPx)}" font-size="${fmtCoord(fontPx)}" fill="${color}" class="box-label">${escapeHtml(label)}</text>`
  );
}

/** One example as a standalone SVG, `displayWidthPx` wide on the page. */
export function exampleSvg(ex: DetectionExample, displayWidthPx = 220): string {
  const w = ex.widthPx;
  const h = ex.heightPx;
  const displayHeight = Math.round((displayWidthPx * h) / w);
  // Strokes and labels stay the same size on the page whatever the image's resolution.
  const perPagePx = w / displayWidthPx;
  const stroke = 2 * perPagePx;
  const font = 11 * perPagePx;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="example" width="${displayWidthPx}" height="${displayHeight}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(ex.title)}">`,
    `<image href="data:image/jpeg;base64,${ex.jpegBase64}" x="0" y="0" width="${w}" height="${h}" preserveAspectRatio="none"/>`,
    ...ex.truth.map((b) => boxSvg(b, 'truth', stroke, font)),
    ...ex.detections.map((b) => boxSvg(b, 'detection', stroke, font)),
    '</svg>',
  ].join('');
}

export function examplesGrid(examples: readonly DetectionExample[]): string {
  if (examples.length === 0) return '<p>No example detections (the detect stage has not produced any).</p>';
  const cells = examples.map((ex) => `<figure>${exampleSvg(ex)}<figcaption>${escapeHtml(ex.title)}</figcaption></figure>`);
  return `<div class="grid">${cells.join('')}</div><p class="note">Dashed green: ground truth. Red: our detections with their scores.</p>`;
}
