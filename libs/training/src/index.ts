export { loadTrainConfig } from './config-file.js';
export { PAPER_RECIPE, resolveConfig, type TrainConfig, type TrainConfigInput, type LrSchedule, type PolyakConfig } from './config.js';
export { DEFAULT_AUGMENT, type AugmentConfig, type Interpolation } from './augment/config.js';
export { sampleCropBox, centerCropBox, type CropBox, type CropRange } from './augment/crop.js';
export { drawAugmentParams, type AugmentParams } from './augment/params.js';
export {
  flipHorizontal,
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  pcaLightingOffset,
  addPerChannel,
  subtractMean,
  clampToByteRange,
  IMAGENET_PCA_EIGVAL,
  IMAGENET_PCA_EIGVEC,
} from './augment/photometric.js';
export { augmentImage, applyAugmentParams, centerCropImage, imageSize, kernelJob, type RgbImage } from './augment/image.js';
export { jpegDecoderName, resampleCoefficients, type KernelJob } from './augment/core.mjs';
export { decodeRegion as decodeJpegRegion, whyNoTurboJpeg } from './augment/turbojpeg.mjs';
export { AugmentPool, defaultLoaderWorkers } from './augment/pool.js';
export { centerCropTensor, toNetworkInput } from './preprocess.js';
export { learningRate, type ScheduleClock } from './schedule.js';
export { PolyakAverage } from './polyak.js';
export { controlDropout, type DropoutControl } from './dropout.js';
export { Trainer, createTrainer, NonFiniteLossError, type TrainerConfig, type TrainerClock, type StepResult, type TrainerState } from './trainer.js';
export {
  encodeCheckpoint,
  decodeCheckpoint,
  writeCheckpoint,
  readLatestCheckpoint,
  type CheckpointState,
  type CheckpointGroups,
  type NamedTensor,
} from './checkpoint.js';
export { arraySource, type ImageSource, type LabeledImage } from './source.js';
export { openShardSource } from './shards.js';
export { BatchLoader, epochOrder, imageRng, loadCenterCrops, type Batch, type LoaderOptions } from './loader.js';
export { validate, topKCorrect, mainOutputIndex, type ValidationResult } from './validate.js';
export { train, trajectoryHash, type TrainOptions, type TrainResult } from './train.js';
