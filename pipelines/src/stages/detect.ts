import { join } from 'node:path';
import type { StageImpl } from '../runner.js';

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
      '--examples', out('examples.json'), '--example-images', String(d.exampleImages),
    ]);
    return { results: ['result.json', 'tables.md', 'examples.json', 'finetune.log.jsonl'], facts: { regionClassifierFrom: first.name } };
  },
};
