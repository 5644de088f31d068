/** The last target of `nx run pipelines:reproduce`: says where the report is and how each stage went. */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { readManifest } from './manifest.js';
import { runsRoot, WORKSPACE_ROOT } from './paths.js';
import { STAGE_ORDER } from './stages.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { config: { type: 'string' } } });
const config = values.config ?? process.env.NX_TASK_TARGET_CONFIGURATION ?? 'demo';
const runDir = join(runsRoot(), config);
for (const stage of STAGE_ORDER) {
  const p = join(runDir, stage, 'manifest.json');
  if (!existsSync(p)) continue;
  const m = readManifest(p);
  const compute = typeof m.facts.computeSeconds === 'number' ? `${m.facts.computeSeconds} s` : '–';
  console.log(`${stage.padEnd(9)} ${m.status.padEnd(12)} ${compute.padStart(9)}  ${m.reason ?? ''}`);
}
const md = join(runDir, 'report', 'report.md');
if (existsSync(md)) {
  const headline = readFileSync(md, 'utf8').split('\n').find((l) => /top-1 error|No classification result/.test(l));
  if (headline) console.log(`\n${headline}`);
  console.log(`report: ${relative(WORKSPACE_ROOT, join(runDir, 'report', 'index.html'))}`);
}
