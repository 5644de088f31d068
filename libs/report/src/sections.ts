/** Each section of the report as tables and charts built from the inputs (pure functions). */
import { PAPER_TABLE4, PAPER_TABLE5 } from '@googlenet/detection';
import { PAPER_TABLE3 } from '@googlenet/evaluation';
import { lineChart, PALETTE, type Series } from './svg.js';
import { compact, duration, int, pct, type Table } from './table.js';
import type { DetectionInput, EvaluationInput, ModelSummaryInput, ReportInputs, StageTiming, TrainingMemberInput } from './types.js';

export function table1(summary: ModelSummaryInput): Table {
  const rows = summary.rows.map((r) => [
    r.name,
    r.outputShape ? r.outputShape.join('×') : '',
    int(r.params),
    r.paperParams === null ? '' : compact(r.paperParams),
    r.macs === 0 ? '' : compact(r.macs),
    r.paperOps === null ? '' : compact(r.paperOps),
  ]);
  const paperParams = summary.rows.reduce((s, r) => s + (r.paperParams ?? 0), 0);
  const paperOps = summary.rows.reduce((s, r) => s + (r.paperOps ?? 0), 0);
  rows.push(['total', '', int(summary.totals.params), compact(paperParams), compact(summary.totals.macs), compact(paperOps)]);
  return {
    id: 'table1',
    caption: 'Table 1: GoogLeNet, our layer counts beside the paper’s',
    columns: ['layer', 'output', 'params (ours)', 'params (paper)', 'multiply-adds (ours)', 'ops (paper)'],
    rows,
    note:
      `Ours: ${int(summary.totals.params)} parameters without the auxiliary heads` +
      (summary.totals.paramsWithAux !== undefined ? `, ${int(summary.totals.paramsWithAux)} with them` : '') +
      `, ${compact(summary.totals.macs)} multiply-adds per 224×224 image. The paper’s rows do not all add up ` +
      '(its conv1 row is really 9.5K/118M); it states “about 1.5 billion multiply-adds”.',
  };
}

/** Our result for a Table 3 row: same crops, mean pooling, 1 model for single rows, the largest ensemble for ensemble rows. */
export function ourRowFor(row: { models: number; crops: number }, results: readonly EvaluationInput[]): EvaluationInput | undefined {
  const candidates = results.filter((r) => r.pooling === 'mean' && r.crops === row.crops && (row.models === 1 ? r.models === 1 : r.models > 1));
  return candidates.reduce<EvaluationInput | undefined>((best, r) => (best === undefined || r.models > best.models ? r : best), undefined);
}

export function table3(results: readonly EvaluationInput[]): Table {
  const rows = PAPER_TABLE3.map((p) => {
    const ours = ourRowFor(p, results);
    return [
      String(p.models),
      String(p.crops),
      String(p.cost),
      `${p.top5ErrorPct.toFixed(2)}%`,
      ours ? String(ours.models) : '–',
      ours ? String(ours.cost) : '–',
      ours ? pct(ours.top5Error) : '–',
      ours ? pct(ours.top1Error) : '–',
    ];
  });
  const used = [...new Set(results.map((r) => `${r.images} images at ${r.inputSizePx} px on ${r.backend}`))];
  return {
    id: 'table3',
    caption: 'Table 3: classification, models × crops (top-5 error; paper: ILSVRC 2014 validation)',
    columns: ['models (paper)', 'crops', 'cost (paper)', 'top-5 error (paper)', 'models (ours)', 'cost (ours)', 'top-5 error (ours)', 'top-1 error (ours)'],
    rows,
    note: used.length > 0 ? `Ours: ${used.join('; ')}. Probabilities averaged over crops and models, as in the paper.` : 'No evaluation results.',
  };
}

export function evaluationRuns(results: readonly EvaluationInput[]): Table {
  return {
    id: 'evaluation-runs',
    caption: 'Every evaluation we ran',
    columns: ['models', 'crops', 'pooling', 'cost', 'top-1 error', 'top-5 error', 'images', 'wall time'],
    rows: results.map((r) => [String(r.models), String(r.crops), r.pooling, String(r.cost), pct(r.top1Error), pct(r.top5Error), String(r.images), duration(r.wallSeconds)]),
  };
}

const OURS = 'ours (1 model)';

export function table4(d: DetectionInput): Table {
  return {
    id: 'table4',
    caption: 'Table 4: detection, mean average precision',
    columns: ['team', 'year', 'place', 'mAP', 'external data', 'ensemble', 'approach'],
    rows: [
      ...PAPER_TABLE4.map((r) => [r.team, String(r.year), r.place, `${r.mAPPercent}%`, r.externalData, r.ensemble === null ? '?' : String(r.ensemble), r.approach]),
      [OURS, '–', '–', pct(d.mAP), 'our classification checkpoint', '1', 'R-CNN, selective search'],
    ],
  };
}

export function table5(d: DetectionInput): Table {
  return {
    id: 'table5',
    caption: 'Table 5: single-model detection',
    columns: ['team', 'mAP', 'contextual model', 'bounding box regression'],
    rows: [...PAPER_TABLE5.map((r) => [r.team, `${r.mAPPercent}%`, r.contextualModel, r.boundingBoxRegression]), [OURS, pct(d.mAP), 'no', 'no']],
    note:
      `Ours: ${d.images} images, ${d.proposalsPerImage.toFixed(0)} proposals per image (recall ${pct(d.recallAt05)} at IoU 0.5), ` +
      `backend ${d.backend}. The paper’s numbers are on ILSVRC 2014 detection (200 classes); ours are on this run’s data.`,
  };
}

export function recallChart(d: DetectionInput): string {
  const pts = d.recallCurve.filter((p) => p.proposals > 0).map((p) => ({ x: p.proposals, y: p.recall }));
  return lineChart([{ label: 'recall @ IoU 0.5', points: pts, color: PALETTE[0] }], {
    title: 'Proposal recall',
    xLabel: 'proposals per image',
    yLabel: 'recall',
    yDomain: [0, 1],
    logX: true,
    formatX: (v) => String(Math.round(v)),
    formatY: (v) => `${Math.round(v * 100)}%`,
  });
}

/** Four charts: loss, top-1 error, top-5 error and learning rate vs epoch, one line per member. */
export function trainingCharts(members: readonly TrainingMemberInput[]): string[] {
  const series = (pick: (e: TrainingMemberInput['epochs'][number]) => number | undefined): Series[] =>
    members.map((m, i) => ({
      label: m.name,
      color: PALETTE[i % PALETTE.length],
      points: m.epochs.map((e) => ({ x: e.epoch, y: pick(e) ?? NaN })).filter((p) => Number.isFinite(p.y)),
    }));
  const asPct = (v: number) => `${Math.round(v * 100)}%`;
  return [
    lineChart(series((e) => e.loss), { title: 'Training loss', xLabel: 'epoch', yLabel: 'loss' }),
    lineChart(series((e) => e.top1Error), { title: 'Validation top-1 error', xLabel: 'epoch', yLabel: 'top-1 error', yDomain: [0, 1], formatY: asPct }),
    lineChart(series((e) => e.top5Error), { title: 'Validation top-5 error', xLabel: 'epoch', yLabel: 'top-5 error', yDomain: [0, 1], formatY: asPct }),
    lineChart(series((e) => e.lr), { title: 'Learning rate', xLabel: 'epoch', yLabel: 'learning rate' }),
  ];
}

export function stagesTable(stages: readonly StageTiming[]): Table {
  return {
    id: 'stages',
    caption: 'Stages and wall time',
    columns: ['stage', 'status', 'compute time', 'latest run', 'note'],
    rows: stages.map((s) => [
      s.stage,
      s.status,
      s.computeSeconds === undefined ? '–' : duration(s.computeSeconds),
      s.wallSeconds === undefined ? '–' : duration(s.wallSeconds) + (s.reusedData ? ' (data reused)' : ''),
      s.reason ?? '',
    ]),
    note: 'Compute time: when the stage’s data were made. A rerun with nothing changed is an Nx cache hit and runs no stage.',
  };
}

export function environmentTable(inputs: ReportInputs): Table {
  const env = inputs.environment;
  return {
    id: 'environment',
    caption: 'Backend and versions',
    columns: ['what', 'value'],
    rows: [
      ['backend', env.backends.length > 0 ? env.backends.join('; ') : 'unknown'],
      ['platform', env.platform],
      ['CPUs', env.cpus],
      ...Object.entries(env.versions).map(([k, v]) => [k, v]),
    ],
  };
}

/**
 * The headline: the best classifier's top-1 error beside chance (1 − 1/classes). "Best" is the
 * largest ensemble with the most crops, mean pooling.
 */
export function headline(inputs: ReportInputs): { text: string; top1Error: number | null; chanceError: number | null } {
  const mean = inputs.evaluation.filter((r) => r.pooling === 'mean');
  const best = mean.reduce<EvaluationInput | undefined>((b, r) => (!b || r.models > b.models || (r.models === b.models && r.crops > b.crops) ? r : b), undefined);
  const chance = inputs.numClasses ? 1 - 1 / inputs.numClasses : null;
  if (!best) return { text: 'No classification result yet (the evaluate stage has not produced one).', top1Error: null, chanceError: chance };
  const vs = chance === null ? '' : ` Chance is ${pct(chance)} top-1 error (${inputs.numClasses} classes).`;
  return {
    text: `${best.models}-model ensemble, ${best.crops} crop${best.crops === 1 ? '' : 's'}: top-1 error ${pct(best.top1Error)}, top-5 error ${pct(best.top5Error)} on ${best.images} validation images.${vs}`,
    top1Error: best.top1Error,
    chanceError: chance,
  };
}
