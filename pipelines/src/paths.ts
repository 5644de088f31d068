import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (this file is `<root>/pipelines/src/paths.ts`). */
export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where bulky stage data live: `$GOOGLENET_DATA_DIR`, default `<workspace>/data` (git-ignored). */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.GOOGLENET_DATA_DIR ?? join(WORKSPACE_ROOT, 'data'));
}

/** Where the small, Nx-cached stage manifests and JSON results live: `$GOOGLENET_RUNS_DIR`, default `<workspace>/runs`. */
export function runsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.GOOGLENET_RUNS_DIR ?? join(WORKSPACE_ROOT, 'runs'));
}

export function stageRunDir(configName: string, stage: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(runsRoot(env), configName, stage);
}
