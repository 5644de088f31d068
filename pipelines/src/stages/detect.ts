import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShardDataset } from '@googlenet/data';
import type { DetectionExample } from '@googlenet/report';
import { writeJsonAtomic } from '@googlenet/util';
import sharp from 'sharp';
import type { StageContext, StageImpl } from '../runner.js';

/** R-CNN: proposals for both splits, fine-tune the first member as region classifier, infer, mAP. */
export const detect: StageImpl = {
  skip: (config) => (config.detect.enabled ? null : 'detection is disabled in this configuration'),
  async run(ctx) {
    const d = ctx.config.detect;
    const members = (ctx.upstream.train?.facts.members ?? []) as { name: string; model: string }[];
    const first = members[0];
    if (!first) throw new Error('the train stage recorded no ensemble members');
    const out = (f: string) => join(ctx.dataDir, f);
    const backend = d.backend === 'auto' ? [] : ['--backend', d.backend];
    const trainShards = ctx.upstreamData('ingest', 'det-train');
    const valShards = ctx.upstreamData('ingest', 'det-val');
    const proposals = async (shards: string, file: string) =>
      ctx.googlenet(['detect', 'proposals', '--shards', shards, '--out', out(file), '--max-proposals', String(d.proposalsPerImage), '--log', out(`${file}.log.jsonl`)]);
    await proposals(trainShards, 'proposals-train.jsonl');
    await proposals(valShards, 'proposals-val.jsonl');
    await ctx.googlenet([
      'detect', 'finetune', '--shards', trainShards, '--init', ctx.upstreamData('train', first.model), '--out', out('detector'),
      '--proposals', out('proposals-train.jsonl'), '--steps', String(d.finetuneSteps), '--batch', String(d.finetuneBatch),
      '--log', out('finetune.log.jsonl'), ...backend,
    ]);
    await ctx.googlenet([
      'detect', 'infer', '--shards', valShards, '--model', out('detector'), '--out', out('detections.jsonl'),
      '--proposals', out('proposals-val.jsonl'), '--log', out('infer.log.jsonl'), ...backend,
    ]);
    await ctx.googlenet([
      'detect', 'evaluate', '--shards', valShards, '--detections', out('detections.jsonl'), '--proposals', out('proposals-val.jsonl'),
      '--out', out('result.json'), '--table', out('tables.md'), '--log', out('evaluate.log.jsonl'),
    ]);
    await writeExamples(ctx, valShards, out('detections.jsonl'), out('examples.json'));
    return { results: ['result.json', 'tables.md', 'examples.json', 'finetune.log.jsonl'], facts: { regionClassifierFrom: first.name } };
  },
};

async function writeExamples(ctx: StageContext, shards: string, detectionsPath: string, outPath: string): Promise<void> {
  const detections = readFileSync(detectionsPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DetectionRow);
  await writeJsonAtomic(outPath, await detectionExamples(shards, detections, ctx.config.detect.exampleImages));
}

export interface DetectionRow {
  image: string;
  wnid: string;
  score: number;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/** Thumbnail width: the report draws each example 220 px wide. */
const THUMB_WIDTH_PX = 220;
/** Detections drawn per image: the best few, so the boxes stay readable. */
const DETECTIONS_PER_IMAGE = 3;

/**
 * The first `count` images of a detection split as report examples: a JPEG thumbnail, the
 * ground-truth boxes and the best detections, all in original-image pixels.
 */
export async function detectionExamples(shardsDir: string, detections: readonly DetectionRow[], count: number): Promise<DetectionExample[]> {
  const dataset = await ShardDataset.open(shardsDir);
  const out: DetectionExample[] = [];
  try {
    for await (const row of dataset.rows()) {
      if (out.length >= count) break;
      const thumb = await sharp(row.image).resize({ width: THUMB_WIDTH_PX }).jpeg({ quality: 75 }).toBuffer();
      const best = detections
        .filter((d) => d.image === row.key)
        .sort((a, b) => b.score - a.score)
        .slice(0, DETECTIONS_PER_IMAGE);
      out.push({
        title: row.key,
        jpegBase64: thumb.toString('base64'),
        widthPx: row.width,
        heightPx: row.height,
        truth: row.boxes.map((b) => ({ xmin: b.xmin, ymin: b.ymin, xmax: b.xmax, ymax: b.ymax, label: b.wnid })),
        detections: best.map((d) => ({ xmin: d.xmin, ymin: d.ymin, xmax: d.xmax, ymax: d.ymax, label: d.wnid, score: d.score })),
      });
    }
  } finally {
    await dataset.close();
  }
  return out;
}
