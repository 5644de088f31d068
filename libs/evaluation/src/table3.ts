/**
 * Table 3 of the paper as data, and a Markdown table in its layout with our numbers beside it.
 */
import type { CropScheme } from './geometry.js';
import type { EvaluationResult } from './result.js';

export interface PaperTable3Row {
  models: number;
  crops: CropScheme;
  /** Forward passes per image (models × crops). */
  cost: number;
  top5ErrorPct: number;
  /** Percentage points relative to the 1-model 1-crop row (null for that base row). */
  vsBasePct: number | null;
}

/** "Going Deeper with Convolutions", Table 3 (ILSVRC 2014 validation, top-5 error). */
export const PAPER_TABLE3: readonly PaperTable3Row[] = [
  { models: 1, crops: 1, cost: 1, top5ErrorPct: 10.07, vsBasePct: null },
  { models: 1, crops: 10, cost: 10, top5ErrorPct: 9.15, vsBasePct: -0.92 },
  { models: 1, crops: 144, cost: 144, top5ErrorPct: 7.89, vsBasePct: -2.18 },
  { models: 7, crops: 1, cost: 7, top5ErrorPct: 8.09, vsBasePct: -1.98 },
  { models: 7, crops: 10, cost: 70, top5ErrorPct: 7.62, vsBasePct: -2.45 },
  { models: 7, crops: 144, cost: 1008, top5ErrorPct: 6.67, vsBasePct: -3.45 },
];

/**
 * Our result for a paper row: same crops, mean pooling, and one model for the single-model rows
 * or the largest ensemble (> 1 model) for the ensemble rows.
 */
export function matchPaperRow(row: PaperTable3Row, results: readonly EvaluationResult[]): EvaluationResult | undefined {
  const candidates = results.filter((r) => r.pooling === 'mean' && r.crops === row.crops && (row.models === 1 ? r.models === 1 : r.models > 1));
  return candidates.reduce<EvaluationResult | undefined>((best, r) => (best === undefined || r.models > best.models ? r : best), undefined);
}

const pct = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
const signedPct = (points: number): string => `${points < 0 ? '−' : '+'}${Math.abs(points).toFixed(2)}%`;

/**
 * Markdown: the six rows of Table 3, paper's columns then ours ("–" where we have no result).
 * Max-over-crops results (the paper's ablation) follow in a second small table.
 */
export function formatTable3(results: readonly EvaluationResult[]): string {
  const base = matchPaperRow(PAPER_TABLE3[0], results);
  const lines = [
    '| models | crops | cost | top-5 error (paper) | vs base (paper) | models (ours) | cost (ours) | top-5 error (ours) | vs base (ours) | top-1 error (ours) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of PAPER_TABLE3) {
    const ours = matchPaperRow(row, results);
    const paperVs = row.vsBasePct === null ? 'base' : signedPct(row.vsBasePct);
    const oursVs = ours === undefined || base === undefined ? '–' : ours === base ? 'base' : signedPct((ours.top5Error - base.top5Error) * 100);
    lines.push(
      `| ${row.models} | ${row.crops} | ${row.cost} | ${row.top5ErrorPct.toFixed(2)}% | ${paperVs} | ` +
        (ours === undefined ? '– | – | – | – | – |' : `${ours.models} | ${ours.cost} | ${pct(ours.top5Error)} | ${oursVs} | ${pct(ours.top1Error)} |`),
    );
  }
  const maxPooled = results.filter((r) => r.pooling === 'max');
  if (maxPooled.length > 0) {
    lines.push('', 'Ablation, max over crops instead of the mean (the paper reports only that it was worse):', '');
    lines.push('| models | crops | cost | top-5 error | top-1 error |', '|---|---|---|---|---|');
    for (const r of maxPooled) lines.push(`| ${r.models} | ${r.crops} | ${r.cost} | ${pct(r.top5Error)} | ${pct(r.top1Error)} |`);
  }
  const used = [...new Set(results.map((r) => `${r.images} images, ${r.inputSizePx} px input, backend ${r.backend}`))];
  if (used.length > 0) lines.push('', `Ours: ${used.join('; ')}. Paper: ILSVRC 2014 validation (50,000 images), 224 px input.`);
  return lines.join('\n');
}
