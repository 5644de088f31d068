/**
 * Turning scored datasets into results: an ensemble of all members, a single member (the
 * single-model rows of Table 3 come from the same pass as the ensemble rows, at no extra cost),
 * and the one-call centre-crop evaluation that periodic validation and the pipelines use.
 */
import type * as tf from '@tensorflow/tfjs';
import { computeMetrics, type Metrics } from './metrics.js';
import { averageMembers } from './pooling.js';
import type { EvaluationResult } from './result.js';
import { scoreDataset, type EvalDataset, type ScoredDataset, type ScoreOptions } from './scoring.js';

/**
 * The result of the ensemble of the given members (indices into `scored.members`; default all).
 * `weights` names each member of `scored` (its model directory), in the same order.
 */
export function resultFor(scored: ScoredDataset, weights: readonly string[], memberIndices?: readonly number[]): EvaluationResult {
  const chosen = memberIndices ?? scored.members.map((_, m) => m);
  if (chosen.length === 0) throw new Error('resultFor: choose at least one member');
  const tables = chosen.map((m) => {
    const t = scored.members[m];
    if (!t) throw new Error(`resultFor: no member ${m} (have ${scored.members.length})`);
    return t;
  });
  const metrics = computeMetrics(averageMembers(tables), scored.labels, scored.numClasses, { wnids: scored.wnids });
  // Time is shared by the members that ran together; a subset is charged its share of it.
  const wallSeconds = (scored.wallSeconds * chosen.length) / scored.members.length;
  return {
    models: chosen.length,
    weights: chosen.map((m) => weights[m] ?? `model ${m}`),
    crops: scored.crops,
    pooling: scored.pooling,
    cost: scored.crops * chosen.length,
    top1Error: metrics.top1Error,
    top5Error: metrics.top5Error,
    images: metrics.images,
    backend: scored.backend,
    inputSizePx: scored.inputSizePx,
    perClassAccuracy: metrics.perClassAccuracy,
    confusions: metrics.confusions,
    wallSeconds,
    imagesPerSec: scored.images / wallSeconds,
    cropsPerSec: (scored.cropsEvaluated * chosen.length) / wallSeconds,
  };
}

/**
 * Evaluates an ensemble in one pass. Returns the ensemble's result and, when there are several
 * members, the first member's own result too (Table 3's single-model row for this crop scheme).
 */
export async function evaluateEnsemble(
  models: readonly tf.LayersModel[],
  weights: readonly string[],
  dataset: EvalDataset,
  opts: ScoreOptions,
): Promise<EvaluationResult[]> {
  const scored = await scoreDataset(models, dataset, opts);
  const ensemble = resultFor(scored, weights);
  return models.length > 1 ? [resultFor(scored, weights, [0]), ensemble] : [ensemble];
}

export type EvaluateModelOptions = Partial<ScoreOptions>;

/** One model, centre crop by default: the metrics that periodic validation reports. */
export async function evaluateModel(model: tf.LayersModel, dataset: EvalDataset, opts: EvaluateModelOptions): Promise<Metrics> {
  const scored = await scoreDataset([model], dataset, { crops: 1, ...opts });
  return computeMetrics(scored.members[0], scored.labels, scored.numClasses, { wnids: scored.wnids });
}
