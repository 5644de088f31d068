import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport, loadReportInputs } from '@googlenet/report';
import { writeFileAtomic } from '@googlenet/util';
import type { Command } from '../command.js';

const USAGE = `Usage: googlenet report --run DIR --out DIR [--experiment FILE] [--summary FILE]

Writes the paper-vs-ours report, DIR/index.html (self-contained: inline CSS and SVG) and
DIR/report.md, from a pipeline run directory (runs/<config>/: each stage's manifest.json and
JSON results).

  --run DIR          the run directory (runs/<config>)
  --out DIR          where index.html and report.md go
  --experiment FILE  the experiment facts (configuration, expectation, classes, differences from
                     the paper); default: OUT/experiment.json when present
  --summary FILE     'googlenet summary --json' output for Table 1; default: OUT/summary.json when present`;

export const reportCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { run: { type: 'string' }, out: { type: 'string' }, experiment: { type: 'string' }, summary: { type: 'string' } },
      strict: true,
    });
    if (!values.run || !values.out) {
      console.error(`googlenet report: --run and --out are required\n\n${USAGE}`);
      return 2;
    }
    const out = resolve(values.out);
    const orDefault = (flag: string | undefined, name: string) => flag ?? (existsSync(join(out, name)) ? join(out, name) : undefined);
    const inputs = loadReportInputs({
      runDir: resolve(values.run),
      experimentPath: orDefault(values.experiment, 'experiment.json'),
      summaryPath: orDefault(values.summary, 'summary.json'),
    });
    const { html, markdown } = buildReport(inputs);
    await writeFileAtomic(join(out, 'index.html'), html);
    await writeFileAtomic(join(out, 'report.md'), markdown);
    console.log(`report: ${join(out, 'index.html')} and report.md`);
    return 0;
  },
};
