import type { RecallPoint } from './proposal-recall.js';

/** `result.json` of `googlenet detect evaluate`: the only detection output the report reads. */
export interface DetectionResult {
  /** Mean average precision in [0, 1] over classes with ground truth. */
  mAP: number;
  /** AP in [0, 1] per WordNet id; null for a class without ground truth. */
  perClassAP: Record<string, number | null>;
  images: number;
  /** Mean number of selective-search proposals per image. */
  proposalsPerImage: number;
  /** Proposal recall at IoU 0.5 using all proposals. */
  recallAt05: number;
  recallCurve: RecallPoint[];
  /** tfjs backend that scored the regions (e.g. "cpu", "wasm", "tensorflow"). */
  backend: string;
  wallSeconds: number;
}
