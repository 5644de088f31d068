/**
 * The typed shape of one experiment: where the images come from, how they are ingested, the
 * ensemble to train, how it is evaluated, and the detection settings. Each part lives in its own
 * file (`configs/<name>/<part>.ts`) so that a pipeline stage's Nx inputs see only its own part:
 * editing the evaluation settings reruns evaluate and report, nothing upstream.
 */
import type { TrainConfig as TrainRecipe } from '@googlenet/training';

export type { TrainRecipe };

/** Which TensorFlow.js backend the stages ask for (`auto`: the fastest present, tfjs-node-gpu → tfjs-node → wasm → cpu). */
export type BackendChoice = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Generated demo images (`googlenet synth`), written in the official ILSVRC layout. */
export interface SynthSource {
  kind: 'synth';
  seed: number;
  classes: number;
  trainImagesPerClass: number;
  valImagesPerClass: number;
  /** Range of the generated images' sides, pixels. */
  minSidePx: number;
  maxSidePx: number;
  /** Detection images (DET-style XML boxes) for the detection stage; 0 means none. */
  detTrainImages: number;
  detValImages: number;
}

/** A real ILSVRC tree (official devkit or Kaggle layout) at the path in the named variable. */
export interface IlsvrcSource {
  kind: 'ilsvrc';
  /** The environment variable naming the dataset root. */
  rootEnv: 'ILSVRC_ROOT';
}

export type Split = 'train' | 'val' | 'det-train' | 'det-val';

export interface DataConfig {
  source: SynthSource | IlsvrcSource;
  /** Splits that the ingest stage turns into Arrow shards. */
  splits: Split[];
  /** Cap on the stored images' shorter side, pixels (never upscaled). */
  storedShorterSidePx: number;
  rowsPerShard: number;
  /** Keep at most this many images per split (undefined: all), for quick runs. */
  maxImagesPerSplit?: number;
}

/**
 * One ensemble member: a named export of the config's train.ts holding the training library's
 * recipe (fields left out take PAPER_RECIPE's values), passed to `googlenet train --config
 * <file>#<name>`. The paper trained 7 from one recipe with different sampling, one of them wider.
 */
export interface MemberConfig {
  /** The export's name in `configs/<config>/train.ts`, also the member's directory. */
  name: string;
  recipe: Partial<TrainRecipe>;
}

export interface TrainConfig {
  backend: BackendChoice;
  members: MemberConfig[];
}

export type CropCount = 1 | 10 | 144;

export interface EvaluateConfig {
  backend: BackendChoice;
  /** Crop schemes evaluated for a single model (the first member) and for the ensemble. */
  crops: CropCount[];
  batchSize: number;
  /** Evaluate at most this many validation images (undefined: all). */
  maxImages?: number;
}

export interface DetectConfig {
  backend: BackendChoice;
  /** False skips the detection stage (the report says so). */
  enabled: boolean;
  /** Selective-search proposals kept per image (best first). */
  proposalsPerImage: number;
  /** Fine-tuning of the region classifier, initialised from the first ensemble member. */
  finetuneSteps: number;
  /** Regions per fine-tuning step. */
  finetuneBatch: number;
  /** Example detections drawn in the report (the first images of det-val). */
  exampleImages: number;
}

export interface ExperimentConfig {
  name: 'demo' | 'smoke' | 'ilsvrc';
  /** What this configuration is for and the result it should give, printed in the report. */
  expects: string;
  data: DataConfig;
  train: TrainConfig;
  evaluate: EvaluateConfig;
  detect: DetectConfig;
}
