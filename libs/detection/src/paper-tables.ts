import type { DetectionResult } from './result.js';

/** A row of the paper's Table 4 (ILSVRC 2014 detection, final submissions). */
export interface PaperTable4Row {
  team: string;
  year: number;
  place: string;
  /** Mean average precision, percent. */
  mAPPercent: number;
  externalData: string;
  /** Number of models in the ensemble; null where the paper prints "?". */
  ensemble: number | null;
  approach: string;
}

/** A row of the paper's Table 5 (single-model detection performance). */
export interface PaperTable5Row {
  team: string;
  mAPPercent: number;
  /** "yes" / "no", or "?" where the paper does not know. */
  contextualModel: string;
  boundingBoxRegression: string;
}

/** Szegedy et al. 2014, Table 4: "Detection performance" (ILSVRC 2014 detection challenge). */
export const PAPER_TABLE4: readonly PaperTable4Row[] = [
  { team: 'UvA-Euvision', year: 2013, place: '1st', mAPPercent: 22.6, externalData: 'none', ensemble: null, approach: 'Fisher vectors' },
  { team: 'Deep Insight', year: 2014, place: '3rd', mAPPercent: 40.5, externalData: 'ImageNet 1k', ensemble: 3, approach: 'CNN' },
  { team: 'CUHK DeepID-Net', year: 2014, place: '2nd', mAPPercent: 40.7, externalData: 'ImageNet 1k', ensemble: null, approach: 'CNN' },
  { team: 'GoogLeNet', year: 2014, place: '1st', mAPPercent: 43.9, externalData: 'ImageNet 1k', ensemble: 6, approach: 'CNN' },
];

/** Szegedy et al. 2014, Table 5: "Single model performance for detection". */
export const PAPER_TABLE5: readonly PaperTable5Row[] = [
  { team: 'Trimps-Soushen', mAPPercent: 31.6, contextualModel: 'no', boundingBoxRegression: '?' },
  { team: 'Berkeley Vision', mAPPercent: 34.5, contextualModel: 'no', boundingBoxRegression: 'yes' },
  { team: 'UvA-Euvision', mAPPercent: 35.4, contextualModel: '?', boundingBoxRegression: '?' },
  { team: 'CUHK DeepID-Net2', mAPPercent: 37.7, contextualModel: 'no', boundingBoxRegression: '?' },
  { team: 'GoogLeNet', mAPPercent: 38.02, contextualModel: 'no', boundingBoxRegression: 'no' },
  { team: 'Deep Insight', mAPPercent: 40.2, contextualModel: 'yes', boundingBoxRegression: 'yes' },
];

const OURS = 'ours (this reproduction, 1 model)';

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/**
 * Tables 4 and 5 in Markdown, the paper's rows with ours beside them, then our per-class AP and the
 * proposal recall curve. Our mAP is measured on whatever split was evaluated (the demo split on a
 * fresh machine), so it is a sanity figure, not a comparable ILSVRC number; the caption says so.
 */
export function formatDetectionTables(result: DetectionResult): string {
  const t4 = [
    '| team | year | place | mAP | external data | ensemble | approach |',
    '|---|---|---|---|---|---|---|',
    ...PAPER_TABLE4.map(
      (r) => `| ${r.team} | ${r.year} | ${r.place} | ${r.mAPPercent}% | ${r.externalData} | ${r.ensemble ?? '?'} | ${r.approach} |`,
    ),
    `| ${OURS} | – | – | ${pct(result.mAP)} | classification checkpoint | 1 | CNN (R-CNN, selective search) |`,
  ];
  const t5 = [
    '| team | mAP | contextual model | bounding box regression |',
    '|---|---|---|---|',
    ...PAPER_TABLE5.map((r) => `| ${r.team} | ${r.mAPPercent}% | ${r.contextualModel} | ${r.boundingBoxRegression} |`),
    `| ${OURS} | ${pct(result.mAP)} | no | no |`,
  ];
  const classes = Object.keys(result.perClassAP).sort();
  const perClass = [
    '| class | AP |',
    '|---|---|',
    ...classes.map((w) => {
      const ap = result.perClassAP[w];
      return `| ${w} | ${ap === null || ap === undefined ? 'n/a (no ground truth)' : pct(ap)} |`;
    }),
  ];
  const recall = [
    '| proposals per image | recall at IoU 0.5 |',
    '|---|---|',
    ...result.recallCurve.map((p) => `| ${p.proposals} | ${pct(p.recall)} |`),
  ];
  const caption =
    `Ours: ${result.images} images, ${result.proposalsPerImage.toFixed(0)} proposals per image ` +
    `(recall ${pct(result.recallAt05)} at IoU 0.5), backend ${result.backend}, ${result.wallSeconds.toFixed(1)} s. ` +
    'The paper evaluates on ILSVRC 2014 detection (200 classes); our split may differ, so the numbers are not directly comparable.';
  return [
    '### Table 4: detection performance (paper) and ours',
    '',
    ...t4,
    '',
    '### Table 5: single-model detection performance (paper) and ours',
    '',
    ...t5,
    '',
    caption,
    '',
    '#### Our average precision per class',
    '',
    ...perClass,
    '',
    '#### Proposal recall vs number of proposals',
    '',
    ...recall,
    '',
  ].join('\n');
}
