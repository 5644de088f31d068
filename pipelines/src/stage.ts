/**
 * The entry point every Nx stage target calls: `tsx pipelines/src/stage.ts <stage> --config=<name>`
 * (the configuration also comes from Nx's NX_TASK_TARGET_CONFIGURATION; default demo).
 */
import { parseArgs } from 'node:util';
import { runStage } from './runner.js';
import { isStageName, STAGE_ORDER } from './stages.js';
import { STAGE_IMPLS } from './stages/index.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { config: { type: 'string' } }, allowPositionals: true });
  const stage = positionals[0];
  if (!stage || !isStageName(stage)) {
    console.error(`usage: stage.ts <${STAGE_ORDER.join('|')}> [--config=demo|smoke|ilsvrc]`);
    return 2;
  }
  const config = values.config ?? process.env.NX_TASK_TARGET_CONFIGURATION ?? 'demo';
  try {
    await runStage(stage, config, STAGE_IMPLS[stage]);
    return 0;
  } catch (err) {
    console.error(`pipeline stage ${stage} (${config}): ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.GOOGLENET_DEBUG) console.error(err);
    return 1;
  }
}

process.exitCode = await main();
