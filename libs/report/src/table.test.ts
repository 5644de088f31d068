import { describe, expect, it } from 'vitest';
import { compact, duration, int, pct, tableToHtml, tableToMarkdown } from './table.js';

describe('table formatting', () => {
  it('formats numbers', () => {
    expect(pct(0.1007)).toBe('10.07%');
    expect(pct(0.06666)).toBe('6.67%');
    expect(int(6998552)).toBe('6,998,552');
    expect(compact(2700)).toBe('2.7K');
    expect(compact(34e6)).toBe('34M');
    expect(compact(1582937088)).toBe('1.58G');
    expect(compact(118013952)).toBe('118M');
    expect(duration(12.34)).toBe('12.3 s');
    expect(duration(245)).toBe('4 min 05 s');
    expect(duration(3725)).toBe('1 h 02 min');
  });

  it('renders the same cells to HTML (escaped) and Markdown (pipes escaped)', () => {
    const t = { id: 't', caption: 'C', columns: ['a', 'b'], rows: [['x<y', 'p|q']] };
    expect(tableToHtml(t)).toContain('<tr><td>x&lt;y</td><td>p|q</td></tr>');
    expect(tableToMarkdown(t).split('\n')).toEqual(['**C**', '', '| a | b |', '| --- | --- |', '| x<y | p\\|q |']);
  });
});
