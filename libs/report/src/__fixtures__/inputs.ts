/** A complete ReportInputs with made-up but plausible numbers, for the report's tests. */
import type { ReportInputs } from '../types.js';

/** A 4×4 grey JPEG (base64), small enough to inline. */
export const TINY_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAAEAAQBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AVN//2Q==';

export function fixtureInputs(): ReportInputs {
  return {
    configName: 'demo',
    expects: 'top-1 error far below chance',
    generatedAt: '2026-11-26T21:00:00.000Z',
    numClasses: 20,
    summary: {
      rows: [
        { name: 'conv 7×7/2', outputShape: [112, 112, 64], params: 9472, macs: 118013952, paperParams: 2700, paperOps: 34e6 },
        { name: 'max pool 3×3/2', outputShape: [56, 56, 64], params: 0, macs: 0, paperParams: null, paperOps: null },
        { name: 'inception 3a', outputShape: [28, 28, 256], params: 163696, macs: 128458752, paperParams: 159e3, paperOps: 128e6 },
      ],
      totals: { params: 6998552, paramsWithAux: 13378280, macs: 1582937088 },
    },
    training: [
      {
        name: 'm1',
        widthMultiplier: 0.125,
        epochs: [
          { epoch: 1, loss: 2.9, top1Error: 0.8, top5Error: 0.5, lr: 0.05 },
          { epoch: 2, loss: 2.1, top1Error: 0.55, top5Error: 0.25, lr: 0.048 },
          { epoch: 3, loss: 1.4, top1Error: 0.3, top5Error: 0.1, lr: 0.0461 },
        ],
      },
      {
        name: 'm2',
        widthMultiplier: 0.1875,
        epochs: [
          { epoch: 1, loss: 2.8, top1Error: 0.78, top5Error: 0.45, lr: 0.05 },
          { epoch: 2, loss: 2.0, top1Error: 0.5, top5Error: 0.2, lr: 0.048 },
        ],
      },
    ],
    evaluation: [
      { models: 1, crops: 1, pooling: 'mean', cost: 1, top1Error: 0.31, top5Error: 0.1234, images: 100, backend: 'wasm', inputSizePx: 64, wallSeconds: 2.5 },
      { models: 1, crops: 10, pooling: 'mean', cost: 10, top1Error: 0.29, top5Error: 0.1111, images: 100, backend: 'wasm', inputSizePx: 64, wallSeconds: 9.5 },
      { models: 2, crops: 1, pooling: 'mean', cost: 2, top1Error: 0.27, top5Error: 0.0987, images: 100, backend: 'wasm', inputSizePx: 64, wallSeconds: 4 },
      { models: 3, crops: 1, pooling: 'mean', cost: 3, top1Error: 0.25, top5Error: 0.0876, images: 100, backend: 'wasm', inputSizePx: 64, wallSeconds: 6 },
      { models: 3, crops: 144, pooling: 'mean', cost: 432, top1Error: 0.2, top5Error: 0.0555, images: 100, backend: 'wasm', inputSizePx: 64, wallSeconds: 300 },
      { models: 3, crops: 144, pooling: 'max', cost: 432, top1Error: 0.24, top5Error: 0.07, images: 100, backend: 'wasm', inputSizePx: 64, wallSeconds: 300 },
    ],
    detection: {
      mAP: 0.4321,
      perClassAP: { n01: 0.5, n02: 0.3642, n03: null },
      images: 20,
      proposalsPerImage: 87.4,
      recallAt05: 0.9,
      recallCurve: [
        { proposals: 1, recall: 0.1 },
        { proposals: 10, recall: 0.5 },
        { proposals: 100, recall: 0.9 },
      ],
      backend: 'wasm',
      wallSeconds: 42,
    },
    examples: [
      {
        title: 'det-val 0 <script>',
        jpegBase64: TINY_JPEG_BASE64,
        widthPx: 96,
        heightPx: 64,
        truth: [{ xmin: 10, ymin: 5, xmax: 49, ymax: 34, label: 'n01' }],
        detections: [{ xmin: 12, ymin: 6, xmax: 50, ymax: 30, label: 'n01', score: 0.875 }],
      },
    ],
    environment: { backends: ['wasm'], versions: { node: 'v20.20.2', '@tensorflow/tfjs': '4.22.0' }, platform: 'linux x64', cpus: '2 × test cpu' },
    stages: [
      { stage: 'synth', status: 'done', computeSeconds: 12.3, wallSeconds: 1.2, reusedData: true },
      { stage: 'train', status: 'done', computeSeconds: 600, wallSeconds: 600, reusedData: false },
      { stage: 'detect', status: 'unavailable', reason: "googlenet has no 'detect' command yet" },
    ],
    differences: ['Data: 20 generated classes instead of ILSVRC’s 1000 real ones.', 'Hardware: 2 CPU cores & WASM, not a GPU cluster.'],
  };
}
