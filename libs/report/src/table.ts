/** A table as data, rendered to HTML or Markdown by the same code so both hold the same numbers. */
import { escapeHtml, escapeMarkdownCell } from './escape.js';

export interface Table {
  /** Used as the HTML id and by tests to find the table. */
  id: string;
  caption: string;
  columns: string[];
  rows: string[][];
  /** Optional note printed under the table. */
  note?: string;
}

export function tableToHtml(t: Table): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '';
  return `<table id="${escapeHtml(t.id)}"><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}

export function tableToMarkdown(t: Table): string {
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [`**${t.caption}**`, '', row(t.columns), row(t.columns.map(() => '---')), ...t.rows.map(row), ...(t.note ? ['', t.note] : [])].join('\n');
}

/** A fraction as a percentage with two decimals: 0.1007 → "10.07%". */
export function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** An integer with thousands separators: 6998552 → "6,998,552". */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A count in the paper's style: 2700 → "2.7K", 34e6 → "34M", 1.583e9 → "1.58G". */
export function compact(n: number): string {
  const abs = Math.abs(n);
  const [div, unit] = abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'K'] : [1, ''];
  return `${Number((n / div).toPrecision(3))}${unit}`;
}

/** Seconds as "12.3 s", "4 min 05 s" or "1 h 02 min". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
