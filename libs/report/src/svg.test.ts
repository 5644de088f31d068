import { describe, expect, it } from 'vitest';
import { fmtCoord, lineChart, linearScale, linePath, niceTicks } from './svg.js';

describe('svg arithmetic', () => {
  it('maps a domain linearly onto a (possibly inverted) range', () => {
    const sy = linearScale(0, 1, 200, 20); // y grows downwards in SVG
    expect(sy(0)).toBe(200);
    expect(sy(1)).toBe(20);
    expect(sy(0.25)).toBe(155); // 200 + 0.25 × (20 − 200)
    expect(linearScale(3, 3, 10, 30)(3)).toBe(20); // a single value sits in the middle
  });

  it('draws a path through the scaled points and breaks it at missing values', () => {
    const sx = linearScale(1, 3, 50, 250); // x: 1 → 50, 2 → 150, 3 → 250
    const sy = linearScale(0, 4, 100, 0); // y: 0 → 100, 1 → 75, 4 → 0
    expect(linePath([{ x: 1, y: 0 }, { x: 2, y: 1 }, { x: 3, y: 4 }], sx, sy)).toBe('M50 100 L150 75 L250 0');
    expect(linePath([{ x: 1, y: 0 }, { x: 2, y: NaN }, { x: 3, y: 4 }], sx, sy)).toBe('M50 100 M250 0');
  });

  it('rounds coordinates to 2 decimals', () => {
    expect(fmtCoord(1 / 3)).toBe('0.33');
    expect(fmtCoord(12)).toBe('12');
  });

  it('picks round tick steps of 1, 2 or 5 × 10^k', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 12, 5)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(niceTicks(0.013, 0.05, 4)).toEqual([0.02, 0.03, 0.04, 0.05]);
  });

  it('puts every series into the chart with the axes of the data', () => {
    const svg = lineChart([{ label: 'loss', color: '#000', points: [{ x: 1, y: 2 }, { x: 3, y: 0 }] }], {
      title: 'T',
      xLabel: 'epoch',
      yLabel: 'loss',
      widthPx: 200,
      heightPx: 100,
    });
    // Margins 56/12/28/40: x 1 → 56, 3 → 188; y 2 → 28, 0 → 60.
    expect(svg).toContain('<path d="M56 28 L188 60"');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('places a log-x series by decades', () => {
    const svg = lineChart([{ label: 'r', color: '#000', points: [{ x: 1, y: 0 }, { x: 10, y: 0.5 }, { x: 100, y: 1 }] }], {
      title: 'R',
      xLabel: 'n',
      yLabel: 'recall',
      widthPx: 200,
      heightPx: 100,
      yDomain: [0, 1],
      logX: true,
    });
    // log10: 0, 1, 2 → 56, 122, 188; y 0, 0.5, 1 → 60, 44, 28.
    expect(svg).toContain('<path d="M56 60 L122 44 L188 28"');
  });
});
