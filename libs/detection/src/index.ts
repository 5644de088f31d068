// Boxes, overlap, suppression, metrics
export { iou, boxArea, boxWidth, boxHeight, ilsvrcIouThreshold, clipRect, scaleRect, type Rect, type LabelledBox, type Detection } from './boxes.js';
export { nms, perClassNms } from './nms.js';
export {
  evaluateDetections,
  interpolatedAp,
  type GroundTruthImage,
  type ImageDetection,
  type ClassResult,
  type DetectionEvaluation,
} from './average-precision.js';
export { proposalRecallCurve, DEFAULT_RECALL_COUNTS, type RecallPoint } from './proposal-recall.js';
export type { DetectionResult } from './result.js';
export { PAPER_TABLE4, PAPER_TABLE5, formatDetectionTables, type PaperTable4Row, type PaperTable5Row } from './paper-tables.js';

// Selective search
export * from './selective-search/index.js';

// Region classifier
export { decodeRgb } from './regions/decode.js';
export { warpRegion, defaultContextPx, type WarpOptions } from './regions/warp.js';
export { labelRegions, DEFAULT_REGION_LABELS, type LabelledRegion, type RegionLabelOptions } from './regions/region-labels.js';
export {
  buildDetectorModel,
  detectorInferenceModel,
  readDetectorMeta,
  writeDetectorMeta,
  DETECTOR_META_JSON,
  type DetectorMeta,
} from './regions/detector-model.js';

// Pipeline stages
export { decodeDetectionImage, toOriginal, toDecoded, type DetectionImage, type DecodedImage } from './pipeline/source.js';
export { proposeAll, PAPER_SELECTIVE_SEARCH, type ProposeOptions } from './pipeline/propose.js';
export { writeProposals, readProposals, proposalRects, toProposalLine, type ImageProposals } from './pipeline/proposals-file.js';
export { fineTuneDetector, sampleBatch, RCNN_FINETUNE, type FineTuneOptions, type FineTuneResult } from './pipeline/finetune.js';
export { detectAll, scoreRegions, detectionsFromScores, DEFAULT_INFER, type InferOptions } from './pipeline/infer.js';
export { writeDetectionsJsonl, readDetectionsJsonl, formatIlsvrcSubmission } from './pipeline/detections-file.js';
export { summarizeDetection } from './pipeline/summarize.js';
export { openDetectionSplit, detectionImages, loadDetectionImages, groundTruthOf, type DetectionSplit } from './pipeline/shards.js';
export { detectionExamples, DEFAULT_EXAMPLES, type DetectionExample, type ExampleBox, type ExampleOptions } from './pipeline/examples.js';
