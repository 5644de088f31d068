export {
  INCEPTION_TABLE,
  AUX_HEAD,
  AUX_HEAD_ON,
  LRN_PARAMS,
  PIXEL_MEAN_RGB,
  type InceptionSpec,
  type PaperFigures,
  type TableRow,
} from './table.js';
export { DEFAULT_OPTIONS, MIN_INPUT_SIZE_PX, resolveOptions, scaleChannels, type GoogLeNetOptions } from './options.js';
export { planGoogLeNet, auxPool, sameOutPx, type LayerSpec, type NetworkPlan, type FeatureShape } from './plan.js';
export { LocalResponseNorm, type LrnConfig } from './lrn.js';
export { buildGoogLeNet, inferenceModel } from './build.js';
export { layerSeed } from './init.js';
export { summarize, type ModelSummary, type SummaryRow } from './summary.js';
export { formatSummary, formatMacs, formatPaperFigure } from './format.js';
export { saveModel, loadModel, fileSystemHandler, registerFileRouters, MODEL_JSON } from './io.js';
