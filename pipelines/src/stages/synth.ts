import type { StageImpl } from '../runner.js';

/** Generated images in the official ILSVRC layout (demo and smoke); the ilsvrc config reads $ILSVRC_ROOT instead. */
export const synth: StageImpl = {
  skip: (config, env) => (config.data.source.kind === 'ilsvrc' ? `real data from ${config.data.source.rootEnv}=${env[config.data.source.rootEnv]}` : null),
  async run(ctx) {
    const s = ctx.config.data.source;
    if (s.kind !== 'synth') throw new Error('unreachable: synth stage on a non-synth source');
    await ctx.googlenet([
      'synth',
      '--out', `${ctx.dataDir}/root`,
      '--seed', String(s.seed),
      '--classes', String(s.classes),
      '--train-per-class', String(s.trainImagesPerClass),
      '--val-per-class', String(s.valImagesPerClass),
      '--min-side', String(s.minSidePx),
      '--max-side', String(s.maxSidePx),
      '--det-train', String(s.detTrainImages),
      '--det-val', String(s.detValImages),
    ]);
    return { results: [], facts: { root: 'root' } };
  },
};
