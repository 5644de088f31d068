/**
 * What the report reads: the stages' JSON outputs, typed structurally with only the fields used
 * here, so that each library's richer result type is accepted as it is.
 */

/** One row of `googlenet summary --json` (Table 1, ours beside the paper's). */
export interface SummaryRowInput {
  name: string;
  outputShape: number[] | null;
  params: number;
  macs: number;
  paperParams: number | null;
  paperOps: number | null;
  note?: string;
}

export interface ModelSummaryInput {
  rows: SummaryRowInput[];
  totals: { params: number; paramsWithAux?: number; macs: number };
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
export interface EvaluationInput {
  models: number;
  crops: 1 | 10 | 144;
  pooling: 'mean' | 'max';
  cost: number;
  top1Error: number;
  top5Error: number;
  images: number;
  backend: string;
  inputSizePx: number;
  wallSeconds: number;
}

/** `googlenet detect evaluate`'s result.json, the fields the report shows. */
export interface DetectionInput {
  mAP: number;
  perClassAP: Record<string, number | null>;
  images: number;
  proposalsPerImage: number;
  recallAt05: number;
  recallCurve: { proposals: number; recall: number }[];
  backend: string;
  wallSeconds: number;
}

/** A box in the thumbnail's original-image pixel coordinates. */
export interface ExampleBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  label: string;
  /** Detection confidence in [0, 1]; absent for ground truth. */
  score?: number;
}

/** One image of the example-detections grid. */
export interface DetectionExample {
  title: string;
  /** The image as a base64 JPEG (a thumbnail). */
  jpegBase64: string;
  /** Size of the image the boxes refer to (the thumbnail is drawn scaled to it). */
  widthPx: number;
  heightPx: number;
  truth: ExampleBox[];
  detections: ExampleBox[];
}

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
