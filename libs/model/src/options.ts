/** Options of `buildGoogLeNet`; defaults are the paper's network. */
export interface GoogLeNetOptions {
  numClasses: number;
  /** Square input side in pixels; any size ≥ 64 works (the final pool is global). */
  inputSize: number;
  /** Channel multiplier applied to every convolution and to the aux FC: max(1, round(c · width)). */
  width: number;
  /** Build the two auxiliary classifiers (training outputs [main, aux1, aux2]). */
  auxHeads: boolean;
  /** LRN after pool1 and after conv2, as in the paper and Caffe's reference model. */
  lrn: boolean;
  dropoutMain: number;
  dropoutAux: number;
  /** Seeds every layer's initialiser; the same seed gives bit-identical weights. */
  seed: number;
}

export const DEFAULT_OPTIONS: Readonly<GoogLeNetOptions> = {
  numClasses: 1000,
  inputSize: 224,
  width: 1,
  auxHeads: true,
  lrn: true,
  dropoutMain: 0.4,
  dropoutAux: 0.7,
  seed: 0,
};

export const MIN_INPUT_SIZE_PX = 64;

/** Fills in defaults and rejects nonsense with a message naming the option. */
export function resolveOptions(opts: Partial<GoogLeNetOptions> = {}): GoogLeNetOptions {
  const o: GoogLeNetOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(opts) };
  const fail = (what: string): never => {
    throw new Error(`GoogLeNet options: ${what}`);
  };
  if (!Number.isInteger(o.numClasses) || o.numClasses < 1) fail(`numClasses must be a positive integer, got ${o.numClasses}`);
  if (!Number.isInteger(o.inputSize) || o.inputSize < MIN_INPUT_SIZE_PX)
    fail(`inputSize must be an integer ≥ ${MIN_INPUT_SIZE_PX}, got ${o.inputSize}`);
  if (!(o.width > 0) || !Number.isFinite(o.width)) fail(`width must be a positive number, got ${o.width}`);
  for (const key of ['dropoutMain', 'dropoutAux'] as const)
    if (!(o[key] >= 0 && o[key] < 1)) fail(`${key} must be in [0, 1), got ${o[key]}`);
  if (!Number.isInteger(o.seed)) fail(`seed must be an integer, got ${o.seed}`);
  return o;
}

/** Channel count scaled by the width multiplier: rounded to the nearest integer, at least 1. */
export function scaleChannels(channels: number, width: number): number {
  return Math.max(1, Math.round(channels * width));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
