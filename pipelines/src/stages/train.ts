import { existsSync } from 'node:fs';
import type { StageImpl } from '../runner.js';

/** Each ensemble member: `googlenet train` with the member's recipe, on the ingested train/val shards (resumed after a crash). */
export const train: StageImpl = {
  resumable: true,
  async run(ctx) {
    const t = ctx.config.train;
    const results: string[] = [];
    for (const m of t.members) {
      const args = [
        'train',
        '--config', `pipelines/configs/${ctx.config.name}/train.ts#${m.name}`,
        '--shards', ctx.upstreamData('ingest', 'train'),
        '--val-shards', ctx.upstreamData('ingest', 'val'),
        '--out', `${ctx.dataDir}/${m.name}`,
      ];
      if (t.backend !== 'auto') args.push('--backend', t.backend);
      // A member interrupted in an earlier run continues from its last checkpoint.
      if (existsSync(`${ctx.dataDir}/${m.name}/checkpoints`)) args.push('--resume');
      await ctx.googlenet(args);
      results.push(`${m.name}/log.jsonl`, `${m.name}/result.json`);
    }
    return {
      results,
      facts: { members: t.members.map((m) => ({ name: m.name, widthMultiplier: m.recipe.width ?? 1, model: `${m.name}/final` })) },
    };
  },
};
