import { describe, expect, it } from 'vitest';
import { fixtureInputs } from './__fixtures__/inputs.js';
import { buildReport } from './build-report.js';
import { headline, stagesTable, table1, table3, table4, table5 } from './sections.js';

describe('report sections', () => {
  const inputs = fixtureInputs();

  it('puts our best matching result beside each row of Table 3', () => {
    const t = table3(inputs.evaluation);
    expect(t.rows).toEqual([
      // paper: models, crops, cost, top-5 | ours: models, cost, top-5, top-1
      ['1', '1', '1', '10.07%', '1', '1', '12.34%', '31.00%'],
      ['1', '10', '10', '9.15%', '1', '10', '11.11%', '29.00%'],
      ['1', '144', '144', '7.89%', '–', '–', '–', '–'],
      // Ensemble rows take the largest ensemble (3 models, not 2)…
      ['7', '1', '7', '8.09%', '3', '3', '8.76%', '25.00%'],
      ['7', '10', '70', '7.62%', '–', '–', '–', '–'],
      // …with the mean over crops (the max-pooled 7.00% is an ablation, not this row).
      ['7', '144', '1008', '6.67%', '3', '432', '5.55%', '20.00%'],
    ]);
  });

  it('prints our Table 1 counts exactly and the paper’s in its units', () => {
    const t = table1(inputs.summary!);
    expect(t.rows[0]).toEqual(['conv 7×7/2', '112×112×64', '9,472', '2.7K', '118M', '34M']);
    expect(t.rows[1]).toEqual(['max pool 3×3/2', '56×56×64', '0', '', '', '']);
    // Total: ours from the summary's totals; paper: 2.7K + 159K = 161.7K, 34M + 128M = 162M.
    expect(t.rows[3]).toEqual(['total', '', '6,998,552', '162K', '1.58G', '162M']);
  });

  it('appends our mAP to the paper’s Tables 4 and 5', () => {
    expect(table4(inputs.detection!).rows.at(-1)?.[3]).toBe('43.21%');
    expect(table4(inputs.detection!).rows.find((r) => r[0] === 'GoogLeNet')?.[3]).toBe('43.9%');
    expect(table5(inputs.detection!).rows.at(-1)?.[1]).toBe('43.21%');
    expect(table5(inputs.detection!).rows.find((r) => r[0] === 'GoogLeNet')?.[1]).toBe('38.02%');
  });

  it('states the best top-1 error beside chance', () => {
    const h = headline(inputs);
    expect(h.top1Error).toBe(0.2);
    expect(h.chanceError).toBeCloseTo(0.95, 12);
    expect(h.text).toContain('top-1 error 20.00%');
    expect(h.text).toContain('Chance is 95.00% top-1 error (20 classes)');
  });

  it('lists every stage with its times', () => {
    expect(stagesTable(inputs.stages).rows).toEqual([
      ['synth', 'done', '12.3 s', '1.2 s (data reused)', ''],
      ['train', 'done', '10 min 00 s', '10 min 00 s', ''],
      ['detect', 'unavailable', '–', '–', "googlenet has no 'detect' command yet"],
    ]);
  });

  it('builds a self-contained page: no external URL, no script', () => {
    const { html, markdown } = buildReport(inputs);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script');
    expect(html).toContain('det-val 0 &lt;script&gt;');
    expect(markdown).toContain('| 7 | 144 | 1008 | 6.67% | 3 | 432 | 5.55% | 20.00% |');
    expect(markdown).toContain('- Data: 20 generated classes');
  });
});
