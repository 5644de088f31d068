/** The paper-vs-ours report: one self-contained HTML page (inline CSS and SVG) and the same in Markdown. */
import { examplesGrid } from './detections.js';
import { escapeHtml } from './escape.js';
import {
  environmentTable,
  evaluationRuns,
  headline,
  recallChart,
  stagesTable,
  table1,
  table3,
  table4,
  table5,
  trainingCharts,
} from './sections.js';
import { tableToHtml, tableToMarkdown, type Table } from './table.js';
import type { ReportInputs } from './types.js';

export interface Report {
  html: string;
  markdown: string;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1em 0}caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}
td:first-child,th:first-child{text-align:left}
.note{color:#555;font-size:.92em}.headline{font-size:1.15em;background:#eef6ff;padding:.6em 1em;border-left:4px solid #0072B2}
.charts{display:flex;flex-wrap:wrap;gap:1em}.grid{display:flex;flex-wrap:wrap;gap:.8em}
figure{margin:0}figcaption{font-size:.85em;color:#444;max-width:220px}
.chart-title{font-weight:600;font-size:13px}.tick,.legend{font-size:11px}.axis-label{font-size:12px}
`;

interface Section {
  title: string;
  /** Free text paragraphs. */
  text?: string[];
  tables?: Table[];
  /** Inline SVG (HTML only; Markdown gets `svgAlt` instead). */
  svg?: string[];
  svgAlt?: string;
  /** Raw HTML block (HTML only). */
  html?: string;
}

function sections(inputs: ReportInputs): Section[] {
  const out: Section[] = [];
  const head = headline(inputs);
  out.push({
    title: 'Result',
    text: [head.text, `Configuration “${inputs.configName}”: ${inputs.expects}`],
  });
  out.push({ title: 'What differs from the paper', text: inputs.differences });
  out.push(
    inputs.summary
      ? { title: 'Architecture (Table 1)', tables: [table1(inputs.summary)] }
      : { title: 'Architecture (Table 1)', text: ['No model summary (`googlenet summary` is not available yet).'] },
  );
  const withCurves = inputs.training.filter((m) => m.epochs.length > 0);
  out.push(
    withCurves.length > 0
      ? {
          title: 'Training curves',
          text: [`Ensemble members: ${inputs.training.map((m) => (m.widthMultiplier ? `${m.name} (width ×${m.widthMultiplier})` : m.name)).join(', ')}.`],
          svg: trainingCharts(withCurves),
          svgAlt: withCurves
            .map((m) => {
              const last = m.epochs[m.epochs.length - 1]!;
              const parts = [`epoch ${last.epoch}`];
              if (last.loss !== undefined) parts.push(`loss ${last.loss.toFixed(3)}`);
              if (last.top1Error !== undefined) parts.push(`top-1 error ${(last.top1Error * 100).toFixed(2)}%`);
              if (last.top5Error !== undefined) parts.push(`top-5 error ${(last.top5Error * 100).toFixed(2)}%`);
              return `- ${m.name}, last epoch: ${parts.join(', ')}`;
            })
            .join('\n'),
        }
      : { title: 'Training curves', text: ['No training log (the train stage has not produced one).'] },
  );
  out.push(
    inputs.evaluation.length > 0
      ? { title: 'Classification (Table 3)', tables: [table3(inputs.evaluation), evaluationRuns(inputs.evaluation)] }
      : { title: 'Classification (Table 3)', text: ['No evaluation results (the evaluate stage has not produced any).'] },
  );
  if (inputs.detection) {
    const d = inputs.detection;
    out.push({
      title: 'Detection (Tables 4 and 5)',
      tables: [table4(d), table5(d)],
      svg: [recallChart(d)],
      svgAlt: `Proposal recall at IoU 0.5: ${d.recallCurve.map((p) => `${p.proposals} → ${(p.recall * 100).toFixed(1)}%`).join(', ')}`,
    });
    out.push({ title: 'Example detections', html: examplesGrid(inputs.examples), text: inputs.examples.length > 0 ? undefined : ['No example detections.'] });
  } else {
    out.push({ title: 'Detection (Tables 4 and 5)', text: ['No detection results (the detect stage has not produced any).'] });
  }
  out.push({ title: 'Stages', tables: [stagesTable(inputs.stages)] });
  out.push({ title: 'Backend and versions', tables: [environmentTable(inputs)] });
  return out;
}

function sectionHtml(s: Section): string {
  const parts = [`<h2>${escapeHtml(s.title)}</h2>`];
  if (s.title === 'What differs from the paper' && s.text) parts.push(`<ul>${s.text.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`);
  else for (const [i, t] of (s.text ?? []).entries()) parts.push(`<p${s.title === 'Result' && i === 0 ? ' class="headline"' : ''}>${escapeHtml(t)}</p>`);
  for (const t of s.tables ?? []) parts.push(tableToHtml(t));
  if (s.svg) parts.push(`<div class="charts">${s.svg.join('')}</div>`);
  if (s.html) parts.push(s.html);
  return parts.join('\n');
}

function sectionMarkdown(s: Section): string {
  const parts = [`## ${s.title}`, ''];
  if (s.title === 'What differs from the paper' && s.text) parts.push(s.text.map((t) => `- ${t}`).join('\n'), '');
  else for (const t of s.text ?? []) parts.push(t, '');
  for (const t of s.tables ?? []) parts.push(tableToMarkdown(t), '');
  if (s.svgAlt) parts.push(s.svgAlt, '', '(Charts: see index.html.)', '');
  return parts.join('\n');
}

export function buildReport(inputs: ReportInputs): Report {
  const title = `GoogLeNet reproduction — ${inputs.configName}`;
  const list = sections(inputs);
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="note">Szegedy et al., “Going Deeper with Convolutions” (2014), reproduced with TensorFlow.js. Generated ${escapeHtml(inputs.generatedAt)}.</p>`,
    ...list.map(sectionHtml),
    '</body></html>',
    '',
  ].join('\n');
  const markdown = [
    `# ${title}`,
    '',
    `Szegedy et al., “Going Deeper with Convolutions” (2014), reproduced with TensorFlow.js. Generated ${inputs.generatedAt}.`,
    '',
    ...list.map(sectionMarkdown),
  ].join('\n');
  return { html, markdown };
}
