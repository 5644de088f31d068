/**
 * Line charts as inline SVG strings: pure arithmetic from data to path coordinates, so the
 * numbers can be checked by hand in tests and the report needs no script or CDN.
 */
import { escapeHtml } from './escape.js';

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  label: string;
  points: Point[];
  /** CSS colour of the line. */
  color: string;
}

/** A linear map from [domainMin, domainMax] onto [rangeMin, rangeMax]; a degenerate domain maps to the range's middle. */
export function linearScale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (v: number) => number {
  const span = domainMax - domainMin;
  if (span === 0) return () => (rangeMin + rangeMax) / 2;
  return (v) => rangeMin + ((v - domainMin) / span) * (rangeMax - rangeMin);
}

/** Fixed-point coordinates with at most 2 decimals, without trailing zeros ("12.5", "3"). */
export function fmtCoord(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** "M x0 y0 L x1 y1 …" through the points after scaling; non-finite points break the line (a new M). */
export function linePath(points: readonly Point[], sx: (v: number) => number, sy: (v: number) => number): string {
  const parts: string[] = [];
  let pen: 'up' | 'down' = 'up';
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      pen = 'up';
      continue;
    }
    parts.push(`${pen === 'up' ? 'M' : 'L'}${fmtCoord(sx(p.x))} ${fmtCoord(sy(p.y))}`);
    pen = 'down';
  }
  return parts.join(' ');
}

/**
 * About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k), e.g.
 * niceTicks(0, 1, 5) = [0, 0.2, 0.4, 0.6, 0.8, 1].
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  // d3's rule: the power of ten below the rough step, times 10, 5 or 2 when the rough step is far above it.
  const rough = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(rough));
  const ratio = rough / mag;
  const step = mag * (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1);
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  widthPx?: number;
  heightPx?: number;
  /** Force the y range (e.g. [0, 1] for error rates); default: the data's range. */
  yDomain?: [number, number];
  /** Logarithmic x axis (e.g. number of proposals); x values must be > 0. */
  logX?: boolean;
  /** Format of tick labels. */
  formatY?: (v: number) => string;
  formatX?: (v: number) => string;
}

export const CHART_MARGIN = { left: 56, right: 12, top: 28, bottom: 40 } as const;

function extent(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  return [Math.min(...finite), Math.max(...finite)];
}

/** A line chart with axes, ticks, a title and a legend, as a standalone <svg> element. */
export function lineChart(series: readonly Series[], opts: ChartOptions): string {
  const w = opts.widthPx ?? 420;
  const h = opts.heightPx ?? 260;
  const m = CHART_MARGIN;
  const xs = series.flatMap((s) => s.points.map((p) => (opts.logX ? Math.log10(p.x) : p.x)));
  const [x0, x1] = extent(xs);
  const [y0, y1] = opts.yDomain ?? extent(series.flatMap((s) => s.points.map((p) => p.y)));
  const sx = linearScale(x0, x1, m.left, w - m.right);
  const sy = linearScale(y0, y1, h - m.bottom, m.top);
  const fx = opts.formatX ?? ((v: number) => String(Number(v.toPrecision(3))));
  const fy = opts.formatY ?? ((v: number) => String(Number(v.toPrecision(3))));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(opts.title)}">`,
    `<text x="${w / 2}" y="16" text-anchor="middle" class="chart-title">${escapeHtml(opts.title)}</text>`,
    `<line x1="${m.left}" y1="${h - m.bottom}" x2="${w - m.right}" y2="${h - m.bottom}" stroke="#444"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${h - m.bottom}" stroke="#444"/>`,
  ];
  const xTicks = opts.logX
    ? niceTicks(x0, x1, 4).filter((t) => Number.isInteger(t)).map((t) => ({ at: t, label: fx(10 ** t) }))
    : niceTicks(x0, x1, 5).map((t) => ({ at: t, label: fx(t) }));
  for (const t of xTicks) {
    const x = fmtCoord(sx(t.at));
    out.push(`<line x1="${x}" y1="${h - m.bottom}" x2="${x}" y2="${h - m.bottom + 4}" stroke="#444"/>`);
    out.push(`<text x="${x}" y="${h - m.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(t.label)}</text>`);
  }
  for (const t of niceTicks(y0, y1, 4)) {
    const y = fmtCoord(sy(t));
    out.push(`<line x1="${m.left - 4}" y1="${y}" x2="${w - m.right}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${m.left - 6}" y="${y}" dy="4" text-anchor="end" class="tick">${escapeHtml(fy(t))}</text>`);
  }
  out.push(`<text x="${(m.left + w - m.right) / 2}" y="${h - 6}" text-anchor="middle" class="axis-label">${escapeHtml(opts.xLabel)}</text>`);
  out.push(
    `<text transform="translate(14 ${(m.top + h - m.bottom) / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${escapeHtml(opts.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const pts = opts.logX ? s.points.map((p) => ({ x: Math.log10(p.x), y: p.y })) : s.points;
    const d = linePath(pts, sx, sy);
    if (d) out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"/>`);
    for (const p of pts) {
      if (Number.isFinite(p.x) && Number.isFinite(p.y)) out.push(`<circle cx="${fmtCoord(sx(p.x))}" cy="${fmtCoord(sy(p.y))}" r="2" fill="${s.color}"/>`);
    }
    const ly = m.top + 4 + i * 14;
    out.push(`<rect x="${w - m.right - 110}" y="${ly - 8}" width="10" height="3" fill="${s.color}"/>`);
    out.push(`<text x="${w - m.right - 96}" y="${ly - 3}" class="legend">${escapeHtml(s.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Distinct line colours (colour-blind-safe Okabe–Ito palette). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'] as const;
