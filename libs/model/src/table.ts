/**
 * Table 1 of Szegedy et al. 2014 as data. The builder walks these rows; the summary prints the
 * paper's own columns beside our exact counts.
 *
 * The paper's "params" column counts weights WITHOUT biases in units of K = 1024 (e.g. conv2:
 * 64·64 + 9·64·192 = 114,688 = 112K); its "ops" column counts multiply-adds in units of
 * M = 10^6. Where a printed figure disagrees with that arithmetic, the summary says so.
 */

/** Channel counts of one Inception module, in Table 1's column order. */
export interface InceptionSpec {
  /** Row name in Table 1, e.g. '3a'. */
  name: string;
  conv1x1: number;
  reduce3x3: number;
  conv3x3: number;
  reduce5x5: number;
  conv5x5: number;
  poolProj: number;
}

/** The paper's printed figures, as numbers (2.7K → 2700, 34M → 34e6); null where blank. */
export interface PaperFigures {
  paperParams: number | null;
  paperOps: number | null;
}

export type TableRow =
  | ({ kind: 'conv'; label: string; kernelPx: number; stridePx: number; filters: number } & PaperFigures)
  | ({ kind: 'conv2'; label: string; reduce: number; filters: number } & PaperFigures)
  | ({ kind: 'maxpool'; label: string; poolPx: number; stridePx: number; lrnBefore: boolean } & PaperFigures)
  | ({ kind: 'lrn'; label: string } & PaperFigures)
  | ({ kind: 'inception'; label: string; block: InceptionSpec } & PaperFigures)
  | ({ kind: 'avgpool'; label: string } & PaperFigures)
  | ({ kind: 'dropout'; label: string; rate: number } & PaperFigures)
  | ({ kind: 'linear'; label: string } & PaperFigures);

const K = 1e3;
const M = 1e6;

function inception(
  name: string,
  c: [number, number, number, number, number, number],
  paperParamsK: number,
  paperOpsM: number,
): TableRow {
  const [conv1x1, reduce3x3, conv3x3, reduce5x5, conv5x5, poolProj] = c;
  return {
    kind: 'inception',
    label: `inception ${name}`,
    block: { name, conv1x1, reduce3x3, conv3x3, reduce5x5, conv5x5, poolProj },
    paperParams: paperParamsK * K,
    paperOps: paperOpsM * M,
  };
}

const blank: PaperFigures = { paperParams: null, paperOps: null };

/** The Inception modules of Table 1 (#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj). */
export const INCEPTION_TABLE: readonly TableRow[] = [
  { kind: 'conv', label: 'conv 7×7/2', kernelPx: 7, stridePx: 2, filters: 64, paperParams: 2.7 * K, paperOps: 34 * M },
  { kind: 'maxpool', label: 'max pool 3×3/2', poolPx: 3, stridePx: 2, lrnBefore: false, ...blank },
  { kind: 'lrn', label: 'LRN', ...blank },
  { kind: 'conv2', label: 'conv 1×1 then 3×3/1', reduce: 64, filters: 192, paperParams: 112 * K, paperOps: 360 * M },
  { kind: 'maxpool', label: 'LRN, then max pool 3×3/2', poolPx: 3, stridePx: 2, lrnBefore: true, ...blank },
  inception('3a', [64, 96, 128, 16, 32, 32], 159, 128),
  inception('3b', [128, 128, 192, 32, 96, 64], 380, 304),
  { kind: 'maxpool', label: 'max pool 3×3/2', poolPx: 3, stridePx: 2, lrnBefore: false, ...blank },
  inception('4a', [192, 96, 208, 16, 48, 64], 364, 73),
  inception('4b', [160, 112, 224, 24, 64, 64], 437, 88),
  inception('4c', [128, 128, 256, 24, 64, 64], 463, 100),
  inception('4d', [112, 144, 288, 32, 64, 64], 580, 119),
  inception('4e', [256, 160, 320, 32, 128, 128], 840, 170),
  { kind: 'maxpool', label: 'max pool 3×3/2', poolPx: 3, stridePx: 2, lrnBefore: false, ...blank },
  inception('5a', [256, 160, 320, 32, 128, 128], 1072, 54),
  inception('5b', [384, 192, 384, 48, 128, 128], 1388, 71),
  { kind: 'avgpool', label: 'avg pool 7×7/1', ...blank },
  { kind: 'dropout', label: 'dropout 40%', rate: 0.4, ...blank },
  { kind: 'linear', label: 'linear', paperParams: 1000 * K, paperOps: 1 * M },
];

/** The auxiliary classifiers sit on the outputs of these Inception modules. */
export const AUX_HEAD_ON: Readonly<Record<'aux1' | 'aux2', string>> = { aux1: '4a', aux2: '4d' };

/** Auxiliary head constants (paper, "Auxiliary classifiers"). */
export const AUX_HEAD = {
  convFilters: 128,
  fcUnits: 1024,
  /** At 224 px the pool is 5×5/3 on a 14×14 map, giving 4×4. */
  gridPx: 4,
} as const;

/** LRN as in Caffe's reference model: size 5, alpha 1e-4, beta 0.75, k 1. */
export const LRN_PARAMS = { size: 5, alpha: 1e-4, beta: 0.75, k: 1 } as const;

/** Caffe's ImageNet mean, RGB order, subtracted from 0–255 pixels before the network. */
export const PIXEL_MEAN_RGB: readonly [number, number, number] = [123.68, 116.779, 103.939];
