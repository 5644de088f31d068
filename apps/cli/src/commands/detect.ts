import { mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { isBackendName, selectBackend } from '@googlenet/backend';
import {
  DEFAULT_INFER,
  PAPER_SELECTIVE_SEARCH,
  RCNN_FINETUNE,
  detectAll,
  DEFAULT_EXAMPLES,
  detectionExamples,
  detectionImages,
  detectorInferenceModel,
  fineTuneDetector,
  formatDetectionTables,
  formatIlsvrcSubmission,
  groundTruthOf,
  loadDetectionImages,
  openDetectionSplit,
  proposalRects,
  proposeAll,
  readDetectionsJsonl,
  readDetectorMeta,
  readProposals,
  summarizeDetection,
  writeDetectionsJsonl,
  writeDetectorMeta,
  writeProposals,
  type Rect,
  type SelectiveSearchMode,
} from '@googlenet/detection';
import { loadModel, saveModel } from '@googlenet/model';
import { JsonlLog, writeFileAtomic, writeJsonAtomic } from '@googlenet/util';
import type { Command } from '../command.js';
import { numberFlag } from '../flags.js';

const USAGE = `Usage: googlenet detect <proposals|finetune|infer|evaluate> [options]

R-CNN with GoogLeNet as the region classifier (the paper's detection entry, Tables 4–5).
Every stage reads a detection split's shards ('googlenet ingest --split det-train|det-val').

googlenet detect proposals --shards DIR --out FILE.jsonl
  Selective search on every image; boxes in original pixels, best first.
  --mode M              fast | quality | single (default fast, as R-CNN)
  --k-scale X           multiplies the segmentation threshold k (default 2: the paper's doubled
                        superpixel size, halving the proposals)
  --max-proposals N     per image (default 2000)

googlenet detect finetune --shards DIR --init MODEL_DIR --out DIR [--proposals FILE.jsonl]
  Replaces the classifier heads by (classes + background) outputs and fine-tunes on warped
  proposals (IoU ≥ 0.5 → class, < 0.3 → background, 25% foreground per batch). Writes the
  detector model (model.json + weights) and detector.json into DIR.
  --steps N             optimizer steps (default ${RCNN_FINETUNE.steps})
  --batch N             regions per step (default ${RCNN_FINETUNE.batchSize})
  --lr X                learning rate (default ${RCNN_FINETUNE.baseLr})
  --fg-fraction X       foreground share of a batch (default ${RCNN_FINETUNE.foregroundFraction})
  --images-per-batch N  images a batch is drawn from (default ${RCNN_FINETUNE.imagesPerBatch})
  --aux-heads           also replace and train the checkpoint's auxiliary heads
  --seed N              (default 0)

googlenet detect infer --shards DIR --model DIR --out FILE.jsonl [--proposals FILE.jsonl]
  Scores every proposal, per-class NMS (IoU 0.3), ≤ 100 detections per image. Writes JSONL
  {image, wnid, score, xmin, ymin, xmax, ymax} and FILE.meta.json {backend, wallSeconds}.
  --submission FILE     also the ILSVRC devkit format (image index, class index, score, box)
  --batch N             regions per forward pass (default ${DEFAULT_INFER.batchSize})

googlenet detect evaluate --shards DIR --detections FILE.jsonl --proposals FILE.jsonl --out result.json
  ILSVRC mAP and per-class AP, proposal recall at IoU 0.5 vs number of proposals.
  --table FILE          Tables 4 and 5 in Markdown, the paper's rows beside ours
  --examples FILE       thumbnails of the first images with ground truth and our best detections
                        (the report's detect/examples.json)
  --example-images N    how many images --examples shows (default ${DEFAULT_EXAMPLES.count})

Common options:
  --limit N             only the first N images of the split
  --backend B           tensorflow-gpu | tensorflow | wasm | cpu (default: fastest present)
  --log FILE            JSONL log (default: beside --out, <out>.log.jsonl)
  Without --proposals, finetune and infer compute them (fast mode, k-scale 2, ≤ 2000).`;

const SUBCOMMANDS = ['proposals', 'finetune', 'infer', 'evaluate'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];




function requireFlags(values: Record<string, unknown>, sub: Subcommand, ...flags: string[]): void {
  const missing = flags.filter((f) => values[f] === undefined);
  if (missing.length > 0) throw new Error(`${sub}: ${missing.map((f) => `--${f}`).join(', ')} required; see 'googlenet detect --help'`);
}

function logFor(out: string, explicit: string | undefined): JsonlLog {
  return new JsonlLog(explicit ?? `${out.replace(/\.(jsonl?|json)$/, '')}.log.jsonl`);
}

async function useBackend(name: string | undefined): Promise<void> {
  if (name !== undefined && !isBackendName(name)) throw new Error(`--backend must be tensorflow-gpu, tensorflow, wasm or cpu, got '${name}'`);
  await selectBackend(name !== undefined && isBackendName(name) ? { prefer: name } : {});
}

function selectiveSearchOptions(values: Record<string, string | boolean | undefined>) {
  const mode = (values.mode ?? PAPER_SELECTIVE_SEARCH.mode) as SelectiveSearchMode;
  if (!['fast', 'quality', 'single'].includes(mode)) throw new Error(`--mode must be fast, quality or single, got '${mode}'`);
  return {
    ...PAPER_SELECTIVE_SEARCH,
    mode,
    kScale: numberFlag('--k-scale', values['k-scale'] as string | undefined, 'positive number', PAPER_SELECTIVE_SEARCH.kScale ?? 2),
    maxProposals: numberFlag('--max-proposals', values['max-proposals'] as string | undefined, 'positive integer', PAPER_SELECTIVE_SEARCH.maxProposals ?? 2000),
  };
}

export const detectCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (!SUBCOMMANDS.includes(sub as Subcommand)) throw new Error(`expected a subcommand (${SUBCOMMANDS.join(', ')}), got '${sub ?? ''}'; see 'googlenet detect --help'`);
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        shards: { type: 'string' },
        out: { type: 'string' },
        proposals: { type: 'string' },
        init: { type: 'string' },
        model: { type: 'string' },
        detections: { type: 'string' },
        submission: { type: 'string' },
        table: { type: 'string' },
        examples: { type: 'string' },
        'example-images': { type: 'string' },
        mode: { type: 'string' },
        'k-scale': { type: 'string' },
        'max-proposals': { type: 'string' },
        steps: { type: 'string' },
        batch: { type: 'string' },
        lr: { type: 'string' },
        'fg-fraction': { type: 'string' },
        'images-per-batch': { type: 'string' },
        'aux-heads': { type: 'boolean' },
        seed: { type: 'string' },
        limit: { type: 'string' },
        backend: { type: 'string' },
        log: { type: 'string' },
      },
    });
    const limit = values.limit === undefined ? undefined : numberFlag('--limit', values.limit, 'positive integer', 1);
    const started = Date.now();
    const progress = Boolean(process.stderr.isTTY);

    /** Proposals from --proposals, or computed now (then kept beside --out for the next stage). */
    const proposalsFor = async (split: Awaited<ReturnType<typeof openDetectionSplit>>, log: JsonlLog): Promise<Map<string, Rect[]>> => {
      if (values.proposals !== undefined) {
        if (!existsSync(values.proposals)) throw new Error(`--proposals ${values.proposals}: no such file (run 'googlenet detect proposals' first)`);
        return new Map([...readProposals(values.proposals)].map(([k, l]) => [k, proposalRects(l)]));
      }
      const lines = await proposeAll(detectionImages(split), { selectiveSearch: selectiveSearchOptions(values), total: split.numImages, log, progress });
      return new Map(lines.map((l) => [l.image, proposalRects(l)]));
    };

    switch (sub as Subcommand) {
      case 'proposals': {
        requireFlags(values, 'proposals', 'shards', 'out');
        const split = await openDetectionSplit(values.shards!, limit);
        const log = logFor(values.out!, values.log);
        const ss = selectiveSearchOptions(values);
        log.write('proposals_start', { shards: values.shards, images: split.numImages, ...ss });
        const lines = await proposeAll(detectionImages(split), { selectiveSearch: ss, total: split.numImages, log, progress });
        await writeProposals(values.out!, lines);
        const mean = lines.reduce((s, l) => s + l.boxes.length, 0) / Math.max(1, lines.length);
        const seconds = (Date.now() - started) / 1000;
        log.write('proposals_done', { images: lines.length, proposalsPerImage: mean, seconds });
        console.log(`${lines.length} images, ${mean.toFixed(0)} proposals per image, ${(seconds / Math.max(1, lines.length)).toFixed(2)} s per image → ${values.out}`);
        await split.dataset.close();
        return 0;
      }
      case 'finetune': {
        requireFlags(values, 'finetune', 'shards', 'init', 'out');
        await useBackend(values.backend);
        const split = await openDetectionSplit(values.shards!, limit);
        const log = logFor(join(values.out!, 'finetune'), values.log);
        const proposals = await proposalsFor(split, log);
        const images = await loadDetectionImages(split);
        await split.dataset.close();
        let classifier: tf.LayersModel;
        try {
          classifier = await loadModel(values.init!);
        } catch (err) {
          throw new Error(`--init ${values.init}: cannot load the classification model (${err instanceof Error ? err.message : String(err)})`);
        }
        const { model, meta, losses } = await fineTuneDetector(classifier, images, proposals, {
          ...RCNN_FINETUNE,
          classes: split.classes,
          steps: numberFlag('--steps', values.steps, 'positive integer', RCNN_FINETUNE.steps),
          batchSize: numberFlag('--batch', values.batch, 'positive integer', RCNN_FINETUNE.batchSize),
          baseLr: numberFlag('--lr', values.lr, 'positive number', RCNN_FINETUNE.baseLr),
          foregroundFraction: numberFlag('--fg-fraction', values['fg-fraction'], 'positive number', RCNN_FINETUNE.foregroundFraction),
          imagesPerBatch: numberFlag('--images-per-batch', values['images-per-batch'], 'positive integer', RCNN_FINETUNE.imagesPerBatch),
          auxHeads: values['aux-heads'] ?? false,
          seed: numberFlag('--seed', values.seed, 'non-negative integer', 0),
          initFrom: values.init!,
          log,
          progress,
        });
        await mkdir(values.out!, { recursive: true });
        await saveModel(model, values.out!);
        await writeDetectorMeta(values.out!, meta);
        model.dispose();
        const seconds = (Date.now() - started) / 1000;
        log.write('finetune_done', { steps: losses.length, firstLoss: losses[0], lastLoss: losses.at(-1), seconds });
        console.log(`fine-tuned ${losses.length} steps on ${images.length} images (loss ${losses[0]?.toFixed(3)} → ${losses.at(-1)?.toFixed(3)}, ${seconds.toFixed(0)} s) → ${values.out}`);
        return 0;
      }
      case 'infer': {
        requireFlags(values, 'infer', 'shards', 'model', 'out');
        await useBackend(values.backend);
        const split = await openDetectionSplit(values.shards!, limit);
        const log = logFor(values.out!, values.log);
        const proposals = await proposalsFor(split, log);
        const meta = await readDetectorMeta(values.model!);
        const loaded = await loadModel(values.model!);
        const model = detectorInferenceModel(loaded);
        const inferStarted = Date.now();
        const detections = await detectAll(model, meta, detectionImages(split), proposals, {
          ...DEFAULT_INFER,
          batchSize: numberFlag('--batch', values.batch, 'positive integer', DEFAULT_INFER.batchSize),
          total: split.numImages,
          log,
          progress,
        });
        loaded.dispose();
        await writeDetectionsJsonl(values.out!, detections);
        const wallSeconds = (Date.now() - inferStarted) / 1000;
        await writeJsonAtomic(`${values.out!.replace(/\.jsonl$/, '')}.meta.json`, { backend: tf.getBackend(), wallSeconds, images: split.numImages });
        if (values.submission !== undefined) {
          const keys: string[] = [];
          for await (const img of detectionImages(split)) keys.push(img.key);
          await writeFileAtomic(values.submission, formatIlsvrcSubmission(detections, keys, meta.classes));
          await writeFileAtomic(`${values.submission}.images.txt`, keys.map((k, i) => `${k} ${i + 1}`).join('\n') + '\n');
        }
        await split.dataset.close();
        log.write('infer_done', { images: split.numImages, detections: detections.length, wallSeconds });
        console.log(`${detections.length} detections on ${split.numImages} images (${wallSeconds.toFixed(1)} s, ${tf.getBackend()}) → ${values.out}`);
        return 0;
      }
      case 'evaluate': {
        requireFlags(values, 'evaluate', 'shards', 'detections', 'proposals', 'out');
        const split = await openDetectionSplit(values.shards!, limit);
        const images = await loadDetectionImages(split);
        await split.dataset.close();
        const detections = readDetectionsJsonl(values.detections!);
        const proposals = values.proposals!;
        if (!existsSync(proposals)) throw new Error(`--proposals ${proposals}: no such file`);
        const props = new Map([...readProposals(proposals)].map(([k, l]) => [k, proposalRects(l)]));
        const metaPath = `${values.detections!.replace(/\.jsonl$/, '')}.meta.json`;
        const inferMeta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { backend: string; wallSeconds: number }) : { backend: 'unknown', wallSeconds: 0 };
        const result = summarizeDetection(groundTruthOf(images), detections, props, { ...inferMeta, classes: split.classes });
        await writeJsonAtomic(values.out!, result);
        const log = logFor(values.out!, values.log);
        log.write('evaluate_done', { mAP: result.mAP, images: result.images, recallAt05: result.recallAt05 });
        const tables = formatDetectionTables(result);
        if (values.table !== undefined) await writeFileAtomic(values.table, tables);
        if (values.examples !== undefined) await writeJsonAtomic(values.examples, await detectionExamples(images, detections, { ...DEFAULT_EXAMPLES, count: numberFlag('--example-images', values['example-images'], 'positive integer', DEFAULT_EXAMPLES.count) }));
        console.log(tables);
        return 0;
      }
    }
  },
};
