import { cpus } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@googlenet/util';
import { UnknownCommandError } from '../cli.js';
import { differencesFromPaper } from '../differences.js';
import { runsRoot } from '../paths.js';
import type { StageImpl } from '../runner.js';

/** Table 1 from `googlenet summary --json`, then `googlenet report` over the run's JSON outputs. */
export const report: StageImpl = {
  async run(ctx) {
    const c = ctx.config;
    const s = c.data.source;
    await writeJsonAtomic(join(ctx.dataDir, 'experiment.json'), {
      configName: c.name,
      expects: c.expects,
      numClasses: s.kind === 'synth' ? s.classes : 1000,
      differences: differencesFromPaper(c, cpus().length),
    });
    const results = ['experiment.json', 'index.html', 'report.md'];
    try {
      // Table 1 is the full-size network at 224 px, whatever the experiment's scale.
      const json = await ctx.googlenet(['summary', '--json'], { capture: true });
      await writeFileAtomic(join(ctx.dataDir, 'summary.json'), json);
      results.push('summary.json');
    } catch (err) {
      if (!(err instanceof UnknownCommandError)) throw err;
    }
    await ctx.googlenet(['report', '--run', join(runsRoot(ctx.env), c.name), '--out', ctx.dataDir]);
    return { results, facts: {} };
  },
};
