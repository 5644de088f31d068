/**
 * Table 1 beside our own counts. Parameters and multiply-adds come from layer shapes by plain
 * arithmetic (kernel volume × output positions), never from tfjs's countParams, and work either
 * on a built model or, without creating a tensor, on options.
 */
import * as tf from '@tensorflow/tfjs';
import type { GoogLeNetOptions } from './options.js';
import { planGoogLeNet } from './plan.js';
import { INCEPTION_TABLE } from './table.js';

export interface SummaryRow {
  /** Table 1's label, or 'aux1'/'aux2' for the auxiliary heads. */
  name: string;
  /** [height, width, channels] (or [units]) of the row's last layer; null when omitted (lrn: false). */
  outputShape: number[] | null;
  /** Weights plus biases. */
  params: number;
  /** Multiply-adds for one image. */
  macs: number;
  /** The paper's printed figures (2.7K → 2700, 34M → 34e6); null where the paper leaves it blank. */
  paperParams: number | null;
  paperOps: number | null;
  note?: string;
}

export interface ModelSummary {
  rows: SummaryRow[];
  totals: { params: number; paramsWithAux: number; macs: number };
  /** True when this is the paper's configuration (224 px, width 1, 1000 classes), the one the paper's columns describe. */
  paperNetwork: boolean;
}

/** What the summary needs of one layer: its kernel shape (conv or dense), bias and output. */
interface LayerCost {
  name: string;
  /** [kh, kw, cin, cout] for a convolution, [in, out] for a dense layer, null otherwise. */
  kernelShape: number[] | null;
  biasSize: number;
  outputShape: number[];
}

const AUX_ROWS = ['aux1', 'aux2'] as const;
/** The paper prints params in K = 1024 weights (biases not counted) and ops in M = 10^6. */
const PAPER_PARAM_UNIT = 1024;
const PAPER_OPS_UNIT = 1e6;

interface RowKey {
  label: string;
  /** A layer belongs to the row if its name equals a prefix or starts with prefix + '_'. */
  prefixes: string[];
  paperParams: number | null;
  paperOps: number | null;
}

/** Row keys in Table 1 order, using the layer names of plan.ts. */
function rowKeys(): RowKey[] {
  let pool = 0;
  const keys: RowKey[] = INCEPTION_TABLE.map((row) => {
    const prefixes = ((): string[] => {
      switch (row.kind) {
        case 'conv':
          return ['conv1'];
        case 'maxpool':
          pool++;
          return row.lrnBefore ? [`lrn${pool}`, `pool${pool}`] : [`pool${pool}`];
        case 'lrn':
          return ['lrn1'];
        case 'conv2':
          return ['conv2'];
        case 'inception':
          return [`inception_${row.block.name}`];
        case 'avgpool':
          return ['avgpool'];
        case 'dropout':
          return ['dropout'];
        case 'linear':
          return ['main_logits'];
      }
    })();
    return { label: row.label, prefixes, paperParams: row.paperParams, paperOps: row.paperOps };
  });
  for (const aux of AUX_ROWS) keys.push({ label: aux, prefixes: [aux], paperParams: null, paperOps: null });
  return keys;
}

function product(xs: number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

/** Multiply-adds: a conv does kh·kw·cin·cout per output position; a dense layer in·out. */
function macsOf(l: LayerCost): number {
  if (!l.kernelShape) return 0;
  if (l.kernelShape.length === 4) return product(l.outputShape.slice(0, 2)) * product(l.kernelShape);
  return product(l.kernelShape);
}

function fromPlan(opts: Partial<GoogLeNetOptions>): { layers: LayerCost[]; inputPx: number } {
  const plan = planGoogLeNet(opts);
  const layers = plan.layers.map((s): LayerCost => {
    const cin = s.inputShape[s.inputShape.length - 1]!;
    if (s.kind === 'conv')
      return { name: s.name, kernelShape: [s.kernelPx, s.kernelPx, cin, s.filters], biasSize: s.filters, outputShape: s.outputShape };
    if (s.kind === 'dense') return { name: s.name, kernelShape: [cin, s.units], biasSize: s.units, outputShape: s.outputShape };
    return { name: s.name, kernelShape: null, biasSize: 0, outputShape: s.outputShape };
  });
  return { layers, inputPx: plan.options.inputSize };
}

function fromModel(model: tf.LayersModel): { layers: LayerCost[]; inputPx: number } {
  const layers = model.layers.map((layer): LayerCost => {
    const out = (layer.outputShape as (number | null)[]).slice(1).map((d) => d ?? 0);
    const kernel = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
    const bias = layer.weights.find((w) => w.originalName.endsWith('/bias'));
    const other = layer.weights.filter((w) => w !== kernel && w !== bias);
    if (other.length > 0) throw new Error(`summarize: layer '${layer.name}' has unexpected weights ${other.map((w) => w.name).join(', ')}`);
    return { name: layer.name, kernelShape: kernel ? kernel.shape.map((d) => d ?? 0) : null, biasSize: bias ? product(bias.shape.map((d) => d ?? 0)) : 0, outputShape: out };
  });
  return { layers, inputPx: model.inputs[0]!.shape[1] ?? 0 };
}

function isPaperNetwork(layers: LayerCost[], inputPx: number): boolean {
  const out = (name: string) => layers.find((l) => l.name === name)?.outputShape.join('x');
  return inputPx === 224 && out('conv1') === '112x112x64' && out('inception_5b_concat') === '7x7x1024' && out('main_logits') === '1000';
}

/** Decimals the paper printed, e.g. 2.7 → 1, 159 → 0. */
function printedDecimals(x: number): number {
  const s = String(x);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/**
 * Whether our figure matches the paper's printed one: within one printed unit (159.5K vs "159K")
 * or within 2% (the paper's module rows are approximate to ~1.5%; conv1, 4c and 5a are not).
 */
const PAPER_TOLERANCE = 0.02;
function agrees(ours: number, paperPrinted: number): boolean {
  const withinPrintedUnit = Math.abs(ours - paperPrinted) <= 10 ** -printedDecimals(paperPrinted) + 1e-9;
  return withinPrintedUnit || Math.abs(ours - paperPrinted) <= PAPER_TOLERANCE * paperPrinted;
}

function paperNote(weights: number, macs: number, params: number, key: RowKey): string | undefined {
  const problems: string[] = [];
  if (key.paperParams !== null) {
    const printedK = key.paperParams / 1e3;
    const oursK = weights / PAPER_PARAM_UNIT;
    if (!agrees(oursK, printedK))
      problems.push(`paper ${printedK}K params ≠ ${oursK.toFixed(1)}K weights (${(params / 1e3).toFixed(1)}K with biases)`);
  }
  if (key.paperOps !== null) {
    const printedM = key.paperOps / 1e6;
    const oursM = macs / PAPER_OPS_UNIT;
    if (!agrees(oursM, printedM)) problems.push(`paper ${printedM}M ops ≠ ${oursM.toFixed(1)}M multiply-adds`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

function summarizeLayers(layers: LayerCost[], inputPx: number): ModelSummary {
  const keys = rowKeys();
  const rowOf = (name: string) => keys.find((k) => k.prefixes.some((p) => name === p || name.startsWith(`${p}_`)));
  const paperNetwork = isPaperNetwork(layers, inputPx);
  const rows: SummaryRow[] = [];
  for (const key of keys) {
    const mine = layers.filter((l) => rowOf(l.name) === key);
    if (mine.length === 0 && AUX_ROWS.includes(key.label as (typeof AUX_ROWS)[number])) continue;
    const weights = mine.reduce((s, l) => s + (l.kernelShape ? product(l.kernelShape) : 0), 0);
    const params = weights + mine.reduce((s, l) => s + l.biasSize, 0);
    const macs = mine.reduce((s, l) => s + macsOf(l), 0);
    const row: SummaryRow = {
      name: key.label,
      outputShape: mine.length > 0 ? [...mine[mine.length - 1]!.outputShape] : null,
      params,
      macs,
      paperParams: key.paperParams,
      paperOps: key.paperOps,
    };
    const note = mine.length === 0 ? 'omitted (lrn: false)' : paperNetwork ? paperNote(weights, macs, params, key) : undefined;
    if (note) row.note = note;
    rows.push(row);
  }
  const unassigned = layers.filter((l) => l.name !== 'input' && !rowOf(l.name));
  if (unassigned.length > 0) throw new Error(`summarize: layers outside Table 1: ${unassigned.map((l) => l.name).join(', ')}`);
  const main = rows.filter((r) => !AUX_ROWS.includes(r.name as (typeof AUX_ROWS)[number]));
  return {
    rows,
    totals: {
      params: main.reduce((s, r) => s + r.params, 0),
      paramsWithAux: rows.reduce((s, r) => s + r.params, 0),
      macs: main.reduce((s, r) => s + r.macs, 0),
    },
    paperNetwork,
  };
}

/** Duck-typed, so that a model from another copy of tfjs is recognised too. */
function isLayersModel(x: unknown): x is tf.LayersModel {
  return typeof x === 'object' && x !== null && Array.isArray((x as tf.LayersModel).layers) && 'getLayer' in x;
}

/**
 * One row per Table 1 layer (plus aux1/aux2 when built). Given options, it builds nothing and
 * creates no tensor. `totals.params` and `totals.macs` are the inference network (no aux heads);
 * `paramsWithAux` adds the aux heads that are built (equal to `params` with auxHeads: false).
 */
export function summarize(modelOrOptions: tf.LayersModel | Partial<GoogLeNetOptions> = {}): ModelSummary {
  if (isLayersModel(modelOrOptions)) {
    const { layers, inputPx } = fromModel(modelOrOptions);
    return summarizeLayers(layers, inputPx);
  }
  const { layers, inputPx } = fromPlan(modelOrOptions);
  return summarizeLayers(layers, inputPx);
}
