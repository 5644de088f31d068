/**
 * The evaluation stage's output: one JSON object per (ensemble, crop scheme), with stable field
 * names that the report reads. Errors are fractions in [0, 1]; cost is forward passes per image
 * (crops × models), as in Table 3.
 */
import { readFileSync } from 'node:fs';
import type { CropScheme } from './geometry.js';
import type { ClassAccuracy, Confusion } from './metrics.js';
import type { CropPooling } from './pooling.js';

export interface EvaluationResult {
  /** Number of models in the ensemble. */
  models: number;
  /** Where each member's weights came from (model directories), in order. */
  weights: string[];
  crops: CropScheme;
  pooling: CropPooling;
  /** Forward passes per image: crops × models. */
  cost: number;
  top1Error: number;
  top5Error: number;
  images: number;
  /** The tfjs backend the forward passes ran on. */
  backend: string;
  inputSizePx: number;
  perClassAccuracy: ClassAccuracy[];
  confusions: Confusion[];
  wallSeconds: number;
  imagesPerSec: number;
  cropsPerSec: number;
}

const REQUIRED_NUMBERS = ['models', 'crops', 'cost', 'top1Error', 'top5Error', 'images', 'inputSizePx', 'wallSeconds', 'imagesPerSec'] as const;

/** Throws a clear error when `value` (read from `source`) is not an EvaluationResult. */
export function assertEvaluationResult(value: unknown, source: string): asserts value is EvaluationResult {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${source}: an evaluation result must be a JSON object`);
  const v = value as Record<string, unknown>;
  for (const k of REQUIRED_NUMBERS) {
    if (typeof v[k] !== 'number' || !Number.isFinite(v[k])) throw new Error(`${source}: field '${k}' must be a finite number, got ${JSON.stringify(v[k])}`);
  }
  if (![1, 10, 144].includes(v.crops as number)) throw new Error(`${source}: field 'crops' must be 1, 10 or 144, got ${String(v.crops)}`);
  if (v.pooling !== 'mean' && v.pooling !== 'max') throw new Error(`${source}: field 'pooling' must be 'mean' or 'max'`);
  if (typeof v.backend !== 'string') throw new Error(`${source}: field 'backend' must be a string`);
  if (!Array.isArray(v.weights)) throw new Error(`${source}: field 'weights' must be an array of model directories`);
}

/**
 * Reads the results that `googlenet evaluate --out` wrote: one result object, or an array of them
 * (when several crop schemes or a single-model row were evaluated in one run).
 */
export function readEvaluationResults(path: string): EvaluationResult[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read evaluation results (${err instanceof Error ? err.message : String(err)})`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((r, i) => assertEvaluationResult(r, Array.isArray(parsed) ? `${path}[${i}]` : path));
  return list as EvaluationResult[];
}
