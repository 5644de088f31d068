/**
 * What the report reads: the stages' JSON outputs, typed structurally with only the fields used
 * here, so that each library's richer result type is accepted as it is.
 */
import type { DetectionExample, DetectionResult, ExampleBox } from '@googlenet/detection';
import type { EvaluationResult } from '@googlenet/evaluation';
import type { ModelSummary, SummaryRow } from '@googlenet/model';

/** One row of `googlenet summary --json` (Table 1, ours beside the paper's). */
export type SummaryRowInput = SummaryRow;

/** The summary's rows and totals; totals.paramsWithAux is absent in older summaries. */
export interface ModelSummaryInput {
  rows: SummaryRowInput[];
  totals: Omit<ModelSummary['totals'], 'paramsWithAux'> & { paramsWithAux?: number };
}

/** One epoch of a training curve; errors are fractions in [0, 1]. */
export interface EpochPoint {
  epoch: number;
  loss?: number;
  top1Error?: number;
  top5Error?: number;
  lr?: number;
}

export interface TrainingMemberInput {
  name: string;
  widthMultiplier?: number;
  epochs: EpochPoint[];
}

/** One evaluation (ensemble × crop scheme), the fields of @googlenet/evaluation's result that the report shows. */
export type EvaluationInput = Pick<
  EvaluationResult,
  'models' | 'crops' | 'pooling' | 'cost' | 'top1Error' | 'top5Error' | 'images' | 'backend' | 'inputSizePx' | 'wallSeconds'
>;

/** `googlenet detect evaluate`'s result.json, the fields the report shows. */
export type DetectionInput = Pick<
  DetectionResult,
  'mAP' | 'perClassAP' | 'images' | 'proposalsPerImage' | 'recallAt05' | 'recallCurve' | 'backend' | 'wallSeconds'
>;

/** The example-detections grid (`detect/examples.json`), as @googlenet/detection writes it. */
export type { DetectionExample, ExampleBox };

export interface StageTiming {
  stage: string;
  status: 'done' | 'unavailable' | 'skipped' | 'not run';
  reason?: string;
  /** Seconds the stage's computation took when its data were made. */
  computeSeconds?: number;
  /** Seconds of the latest invocation (small when the data were reused). */
  wallSeconds?: number;
  reusedData?: boolean;
}

export interface EnvironmentInput {
  /** The tfjs backend(s) the stages ran on, as they describe themselves. */
  backends: string[];
  /** Package and runtime versions (node, @tensorflow/tfjs, …). */
  versions: Record<string, string>;
  platform: string;
  cpus: string;
}

export interface ReportInputs {
  configName: string;
  /** The configuration's stated expectation. */
  expects: string;
  generatedAt: string;
  /** Classes of the classification task (chance top-1 error is 1 − 1/numClasses). */
  numClasses: number | null;
  summary: ModelSummaryInput | null;
  training: TrainingMemberInput[];
  evaluation: EvaluationInput[];
  detection: DetectionInput | null;
  examples: DetectionExample[];
  environment: EnvironmentInput;
  stages: StageTiming[];
  /** What differs from the paper's setup, one plain sentence each. */
  differences: string[];
}
