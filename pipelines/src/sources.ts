import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256 } from '@googlenet/util';
import { WORKSPACE_ROOT } from './paths.js';
import type { StageSpec } from './stages.js';

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile()) out.push(p);
  }
}

const isTest = (p: string) => /\.test\.ts$/.test(p);

/**
 * The files whose content determines a stage's output, mirroring its Nx `inputs`: the sources of
 * the libraries it uses (tests excluded), the CLI dispatcher and the stage's subcommands, the
 * pipeline driver (common files and the stage's own file), the config types and the lockfile.
 */
export function stageSourceFiles(spec: StageSpec, root = WORKSPACE_ROOT): string[] {
  const files: string[] = [];
  for (const lib of spec.libs) {
    walk(join(root, 'libs', lib, 'src'), files);
    files.push(join(root, 'libs', lib, 'package.json'));
  }
  files.push(join(root, 'apps/cli/src/main.ts'), join(root, 'apps/cli/src/command.ts'));
  for (const c of [...spec.commands, ...(spec.optionalCommands ?? [])]) files.push(join(root, 'apps/cli/src/commands', `${c}.ts`));
  for (const f of readdirSync(join(root, 'pipelines/src'))) {
    if (f.endsWith('.ts')) files.push(join(root, 'pipelines/src', f));
  }
  files.push(join(root, 'pipelines/src/stages', `${spec.name}.ts`));
  files.push(join(root, 'pipelines/configs/types.ts'), join(root, 'package-lock.json'));
  return [...new Set(files)].filter((p) => !isTest(p) && existsSync(p) && statSync(p).isFile()).sort();
}

/** sha256 over the listed files' workspace-relative paths and contents. */
export function fingerprintFiles(files: string[], root = WORKSPACE_ROOT): string {
  const parts = files.map((f) => `${relative(root, f)}\0${sha256(readFileSync(f))}`);
  return sha256(parts.join('\n'));
}
