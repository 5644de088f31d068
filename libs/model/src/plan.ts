/**
 * The network as a pure-data layer graph, derived from Table 1 and the options. The tfjs builder
 * turns each spec into one layer; the summary counts parameters and multiply-adds from the same
 * specs without creating a tensor.
 */
import { AUX_HEAD, AUX_HEAD_ON, INCEPTION_TABLE, type InceptionSpec } from './table.js';
import { type GoogLeNetOptions, resolveOptions, scaleChannels } from './options.js';

/** [height, width, channels] of a feature map, or [units] after flattening. */
export type FeatureShape = [number, number, number] | [number];

export type LayerKind =
  | { kind: 'conv'; filters: number; kernelPx: number; stridePx: number; relu: boolean; biasInit: number }
  | { kind: 'maxpool' | 'avgpool'; poolPx: number; stridePx: number; padding: 'same' | 'valid' }
  | { kind: 'lrn' }
  | { kind: 'concat' }
  | { kind: 'globalavgpool' }
  | { kind: 'flatten' }
  | { kind: 'dense'; units: number; relu: boolean; biasInit: number }
  | { kind: 'dropout'; rate: number };

export type LayerSpec = LayerKind & {
  name: string;
  /** Names of the input layers ('input' is the network input). */
  inputs: string[];
  /** Shape of the input (the first input; concat lists all in `inputs`). */
  inputShape: FeatureShape;
  outputShape: FeatureShape;
};

export interface NetworkPlan {
  options: GoogLeNetOptions;
  layers: LayerSpec[];
  /** Layer names of the outputs: main logits first, then aux1 and aux2 when present. */
  outputs: string[];
}

/**
 * Bias initial values, as Caffe's bvlc_googlenet train_val.prototxt: 0.2 for every convolution
 * and hidden FC (keeps ReLUs active at the start, there being no batch norm), 0 for classifiers.
 */
export const HIDDEN_BIAS_INIT = 0.2;
export const CLASSIFIER_BIAS_INIT = 0;

/** Output side of a 'same' convolution or pool with this stride (TensorFlow's rule). */
export function sameOutPx(inPx: number, stridePx: number): number {
  return Math.ceil(inPx / stridePx);
}

/**
 * The auxiliary heads' average pool, chosen so that the grid is always 4×4: stride = ⌊s/4⌋ and
 * window = s − 3·stride on an s×s map ('valid'). At 224 px, s = 14 gives the paper's 5×5/3; at
 * 64 px, s = 4 gives 1×1/1 (identity); at 128 px, s = 8 gives 2×2/2.
 */
export function auxPool(mapPx: number): { poolPx: number; stridePx: number } {
  const stridePx = Math.floor(mapPx / AUX_HEAD.gridPx);
  if (stridePx < 1) throw new Error(`aux head: feature map ${mapPx}px is smaller than the ${AUX_HEAD.gridPx}×${AUX_HEAD.gridPx} grid`);
  return { poolPx: mapPx - (AUX_HEAD.gridPx - 1) * stridePx, stridePx };
}

class PlanBuilder {
  readonly layers: LayerSpec[] = [];
  private shapes = new Map<string, FeatureShape>();

  constructor(inputPx: number) {
    this.shapes.set('input', [inputPx, inputPx, 3]);
  }

  shape(name: string): FeatureShape {
    const s = this.shapes.get(name);
    if (!s) throw new Error(`plan: unknown layer '${name}'`);
    return s;
  }

  add(name: string, inputs: string[], kind: LayerKind): string {
    const inputShape = this.shape(inputs[0]!);
    const outputShape = outputShapeOf(kind, inputs.map((i) => this.shape(i)));
    this.layers.push({ ...kind, name, inputs, inputShape, outputShape });
    this.shapes.set(name, outputShape);
    return name;
  }

  conv(name: string, input: string, filters: number, kernelPx: number, stridePx = 1): string {
    return this.add(name, [input], { kind: 'conv', filters, kernelPx, stridePx, relu: true, biasInit: HIDDEN_BIAS_INIT });
  }

  maxPool(name: string, input: string, poolPx: number, stridePx: number): string {
    return this.add(name, [input], { kind: 'maxpool', poolPx, stridePx, padding: 'same' });
  }
}

function outputShapeOf(kind: LayerKind, ins: FeatureShape[]): FeatureShape {
  const x = ins[0]!;
  const map = (): [number, number, number] => {
    if (x.length !== 3) throw new Error(`plan: ${kind.kind} needs a feature map, got [${x.join(', ')}]`);
    return x;
  };
  switch (kind.kind) {
    case 'conv': {
      const [h, w] = map();
      return [sameOutPx(h, kind.stridePx), sameOutPx(w, kind.stridePx), kind.filters];
    }
    case 'maxpool':
    case 'avgpool': {
      const [h, w, c] = map();
      const out = (n: number) =>
        kind.padding === 'same' ? sameOutPx(n, kind.stridePx) : Math.floor((n - kind.poolPx) / kind.stridePx) + 1;
      return [out(h), out(w), c];
    }
    case 'lrn':
    case 'dropout':
      return [...x] as FeatureShape;
    case 'concat': {
      const [h, w] = map();
      return [h, w, ins.reduce((sum, s) => sum + s[s.length - 1]!, 0)];
    }
    case 'globalavgpool':
      return [map()[2]];
    case 'flatten':
      return [x.reduce((a, b) => a * b, 1)];
    case 'dense':
      return [kind.units];
  }
}

function inceptionModule(p: PlanBuilder, input: string, block: InceptionSpec, width: number): string {
  const n = `inception_${block.name}`;
  const ch = (c: number) => scaleChannels(c, width);
  const b1 = p.conv(`${n}_1x1`, input, ch(block.conv1x1), 1);
  const b2 = p.conv(`${n}_3x3`, p.conv(`${n}_3x3_reduce`, input, ch(block.reduce3x3), 1), ch(block.conv3x3), 3);
  const b3 = p.conv(`${n}_5x5`, p.conv(`${n}_5x5_reduce`, input, ch(block.reduce5x5), 1), ch(block.conv5x5), 5);
  const pool = p.add(`${n}_pool`, [input], { kind: 'maxpool', poolPx: 3, stridePx: 1, padding: 'same' });
  const b4 = p.conv(`${n}_pool_proj`, pool, ch(block.poolProj), 1);
  return p.add(`${n}_concat`, [b1, b2, b3, b4], { kind: 'concat' });
}

function auxHead(p: PlanBuilder, head: 'aux1' | 'aux2', input: string, o: GoogLeNetOptions): string {
  const [mapPx] = p.shape(input);
  const pool = p.add(`${head}_pool`, [input], { kind: 'avgpool', ...auxPool(mapPx!), padding: 'valid' });
  const conv = p.conv(`${head}_conv`, pool, scaleChannels(AUX_HEAD.convFilters, o.width), 1);
  const flat = p.add(`${head}_flatten`, [conv], { kind: 'flatten' });
  const fc = p.add(`${head}_fc`, [flat], {
    kind: 'dense',
    units: scaleChannels(AUX_HEAD.fcUnits, o.width),
    relu: true,
    biasInit: HIDDEN_BIAS_INIT,
  });
  const drop = p.add(`${head}_dropout`, [fc], { kind: 'dropout', rate: o.dropoutAux });
  return p.add(`${head}_logits`, [drop], { kind: 'dense', units: o.numClasses, relu: false, biasInit: CLASSIFIER_BIAS_INIT });
}

/** Walks Table 1 and returns every layer with its shape. Pure arithmetic, no tensors. */
export function planGoogLeNet(opts: Partial<GoogLeNetOptions> = {}): NetworkPlan {
  const o = resolveOptions(opts);
  const p = new PlanBuilder(o.inputSize);
  const ch = (c: number) => scaleChannels(c, o.width);
  const auxInputs: Partial<Record<'aux1' | 'aux2', string>> = {};
  let x = 'input';
  let poolIndex = 0;
  for (const row of INCEPTION_TABLE) {
    switch (row.kind) {
      case 'conv':
        x = p.conv('conv1', x, ch(row.filters), row.kernelPx, row.stridePx);
        break;
      case 'maxpool':
        poolIndex++;
        if (row.lrnBefore && o.lrn) x = p.add(`lrn${poolIndex}`, [x], { kind: 'lrn' });
        x = p.maxPool(`pool${poolIndex}`, x, row.poolPx, row.stridePx);
        break;
      case 'lrn':
        if (o.lrn) x = p.add('lrn1', [x], { kind: 'lrn' });
        break;
      case 'conv2':
        x = p.conv('conv2', p.conv('conv2_reduce', x, ch(row.reduce), 1), ch(row.filters), 3);
        break;
      case 'inception':
        x = inceptionModule(p, x, row.block, o.width);
        if (row.block.name === AUX_HEAD_ON.aux1) auxInputs.aux1 = x;
        if (row.block.name === AUX_HEAD_ON.aux2) auxInputs.aux2 = x;
        break;
      case 'avgpool':
        // Global: the paper's 7×7/1 at 224 px, and any input size ≥ 64 px elsewhere.
        x = p.add('avgpool', [x], { kind: 'globalavgpool' });
        break;
      case 'dropout':
        x = p.add('dropout', [x], { kind: 'dropout', rate: o.dropoutMain });
        break;
      case 'linear':
        x = p.add('main_logits', [x], { kind: 'dense', units: o.numClasses, relu: false, biasInit: CLASSIFIER_BIAS_INIT });
        break;
    }
  }
  const outputs = [x];
  if (o.auxHeads) {
    for (const head of ['aux1', 'aux2'] as const) outputs.push(auxHead(p, head, auxInputs[head]!, o));
  }
  return { options: o, layers: p.layers, outputs };
}
