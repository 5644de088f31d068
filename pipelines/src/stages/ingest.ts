import type { StageImpl } from '../runner.js';

/** Each split of the dataset tree → Arrow shards with a manifest.json. */
export const ingest: StageImpl = {
  async run(ctx) {
    const source = ctx.config.data.source;
    const root = source.kind === 'ilsvrc' ? (ctx.env[source.rootEnv] as string) : ctx.upstreamData('synth', 'root');
    const splits: Record<string, string> = {};
    for (const split of ctx.config.data.splits) {
      const args = ['ingest', '--root', root, '--split', split, '--out', `${ctx.dataDir}/${split}`];
      args.push('--shorter-side', String(ctx.config.data.storedShorterSidePx));
      args.push('--rows-per-shard', String(ctx.config.data.rowsPerShard));
      if (ctx.config.data.maxImagesPerSplit !== undefined) args.push('--limit', String(ctx.config.data.maxImagesPerSplit));
      await ctx.googlenet(args);
      splits[split] = split;
    }
    return {
      results: ctx.config.data.splits.map((s) => `${s}/manifest.json`),
      facts: { splits },
    };
  },
};
