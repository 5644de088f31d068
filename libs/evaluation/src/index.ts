export {
  cropPlan,
  planCrops,
  resizedSize,
  scaledSidePx,
  CROP_SCHEMES,
  PAPER_SHORTER_SIDES_PX,
  PAPER_INPUT_SIZE_PX,
  SINGLE_SCALE_SHORTER_SIDE_PX,
  type CropScheme,
  type CropPlan,
  type CropSpec,
  type CropPosition,
  type SquarePosition,
  type ScaleGroup,
  type Rect,
} from './geometry.js';
export { writeCrop, type RawRgbImage } from './pixels.js';
export { decodeResized } from './decode.js';
export { computeMetrics, rankOf, argmaxOf, rankClasses, type Metrics, type MetricsOptions, type ClassAccuracy, type Confusion } from './metrics.js';
export { CropPool, averageMembers, type CropPooling } from './pooling.js';
export { scoreDataset, modelInputSizePx, mainHead, type EvalDataset, type EvalImage, type ScoreOptions, type ScoredDataset } from './scoring.js';
export { resultFor, evaluateEnsemble, evaluateModel, type EvaluateModelOptions } from './evaluate.js';
export { assertEvaluationResult, readEvaluationResults, type EvaluationResult } from './result.js';
export { PAPER_TABLE3, formatTable3, matchPaperRow, type PaperTable3Row } from './table3.js';
