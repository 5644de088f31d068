import type { StageImpl } from '../runner.js';

/**
 * Table 3 in one call: every crop scheme for the ensemble, which also reports its first member
 * alone (the single-model rows) from the same forward passes.
 */
export const evaluate: StageImpl = {
  async run(ctx) {
    const e = ctx.config.evaluate;
    const members = (ctx.upstream.train?.facts.members ?? []) as { name: string; model: string }[];
    if (members.length === 0) throw new Error('the train stage recorded no ensemble members');
    const args = [
      'evaluate',
      '--shards', ctx.upstreamData('ingest', 'val'),
      '--weights', ...members.map((m) => ctx.upstreamData('train', m.model)),
      '--crops', e.crops.join(','),
      '--batch', String(e.batchSize),
      '--out', `${ctx.dataDir}/results.json`,
      '--table', `${ctx.dataDir}/table3.md`,
      '--log', `${ctx.dataDir}/evaluate.log.jsonl`,
    ];
    if (e.backend !== 'auto') args.push('--backend', e.backend);
    if (e.maxImages !== undefined) args.push('--limit', String(e.maxImages));
    await ctx.googlenet(args);
    return { results: ['results.json', 'table3.md', 'evaluate.log.jsonl'], facts: {} };
  },
};
