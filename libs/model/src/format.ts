/** The summary as an aligned plain-text table, our counts beside the paper's printed ones. */
import type { ModelSummary } from './summary.js';

const groupedInt = (n: number) => n.toLocaleString('en-US');

/** Multiply-adds with one decimal in M ("118.0M") or, below 0.1M, in K ("2.6K"); blank for zero. */
export function formatMacs(macs: number): string {
  if (macs === 0) return '';
  return macs >= 1e5 ? `${(macs / 1e6).toFixed(1)}M` : `${(macs / 1e3).toFixed(1)}K`;
}

/** The paper's printed form: 2700 → "2.7K", 34e6 → "34M". */
export function formatPaperFigure(value: number | null, unit: 'K' | 'M'): string {
  if (value === null) return '';
  const scaled = value / (unit === 'K' ? 1e3 : 1e6);
  return `${Number(scaled.toPrecision(12))}${unit}`;
}

export function formatSummary(summary: ModelSummary): string {
  const header = ['layer', 'output', 'params', 'mult-adds', 'paper params', 'paper ops', 'note'];
  const body = summary.rows.map((r) => [
    r.name,
    r.outputShape ? r.outputShape.join('×') : '–',
    r.params === 0 ? '' : groupedInt(r.params),
    formatMacs(r.macs),
    formatPaperFigure(r.paperParams, 'K'),
    formatPaperFigure(r.paperOps, 'M'),
    r.note ?? '',
  ]);
  const numeric = [false, false, true, true, true, true, false];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const { params, paramsWithAux, macs } = summary.totals;
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `total without aux heads: ${groupedInt(params)} params, ${(macs / 1e9).toFixed(3)} G multiply-adds`,
    `total with aux heads:    ${groupedInt(paramsWithAux)} params`,
    ...(summary.paperNetwork ? [] : ['note: the paper columns describe the 224 px, width 1, 1000-class network, not this one']),
    "paper: params in K = 1024 weights without biases, ops in M = 10^6 multiply-adds; 'about 1.5 billion multiply-adds'",
  ].join('\n');
}
