/**
 * Shows Nx's incremental behaviour on the pipeline through Nx's own output:
 *   1. `nx run pipelines:reproduce` (computes whatever is not cached yet);
 *   2. the same again: every task must come from the cache, and the wall time is printed;
 *   3. an edit to the configuration's evaluate.ts only (a comment line appended, then removed):
 *      evaluate and report must rerun, every other stage must come from the cache.
 * Usage: npx tsx pipelines/scripts/check-incremental.ts [--config=demo|smoke]
 * Exit code 1 when Nx does not behave so. Runs with NX_DAEMON=false, like CI.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WORKSPACE_ROOT } from '../src/paths.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { config: { type: 'string', default: 'demo' } } });
const config = values.config ?? 'demo';

interface NxRun {
  seconds: number;
  /** Task target ('synth', …) → true when Nx took it from the cache. */
  cached: Record<string, boolean>;
  output: string;
}

/** The task lines of Nx's static output: "> nx run pipelines:evaluate:demo  [local cache]". */
function parseTaskLines(output: string): Record<string, boolean> {
  const cached: Record<string, boolean> = {};
  for (const m of output.matchAll(/^> nx run pipelines:(\w+)(?::\w+)?(.*)$/gm)) cached[m[1]!] = /cache/.test(m[2] ?? '');
  return cached;
}

function reproduce(): NxRun {
  const started = Date.now();
  const r = spawnSync('npx', ['nx', 'run', 'pipelines:reproduce', `--configuration=${config}`, '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`nx run pipelines:reproduce failed:\n${output}`);
  return { seconds: (Date.now() - started) / 1000, cached: parseTaskLines(output), output };
}

function show(label: string, run: NxRun): void {
  const line = Object.entries(run.cached).map(([t, c]) => `${t}:${c ? 'cache' : 'RAN'}`).join(' ');
  console.log(`${label.padEnd(34)} ${run.seconds.toFixed(1).padStart(6)} s  ${line}`);
  const summary = run.output.split('\n').find((l) => /Nx read the output from the cache|Successfully ran/.test(l));
  if (summary) console.log(`${''.padEnd(34)}          nx: ${summary.trim()}`);
}

let failed = false;
const expect = (ok: boolean, what: string) => {
  if (!ok) failed = true;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

show('1. reproduce (fills the cache)', reproduce());
const warm = reproduce();
show('2. again, nothing changed', warm);
expect(Object.keys(warm.cached).length === 7 && Object.values(warm.cached).every(Boolean), 'all 7 tasks are cache hits');

const evalConfig = join(WORKSPACE_ROOT, 'pipelines/configs', config, 'evaluate.ts');
const original = readFileSync(evalConfig, 'utf8');
try {
  appendFileSync(evalConfig, `// edited by check-incremental at ${new Date().toISOString()}\n`);
  const edited = reproduce();
  show(`3. after editing ${config}/evaluate.ts`, edited);
  expect(edited.cached.evaluate === false && edited.cached.report === false, 'evaluate and report rerun');
  expect(['synth', 'ingest', 'train', 'detect'].every((t) => edited.cached[t] === true), 'synth, ingest, train and detect come from the cache');
} finally {
  writeFileSync(evalConfig, original);
}
process.exitCode = failed ? 1 : 0;
