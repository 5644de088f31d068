#!/usr/bin/env node
// Nx `runtime` input of each stage: "ok" while every run manifest of the stage points at complete
// data, else which configurations lost theirs. Data are git-ignored and live outside Nx's cache,
// so a restored manifest can outlive them; this input changes then, and the stage recomputes.
// Plain .mjs (no tsx) because Nx runs it on every hash, including the all-cache-hits rerun.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const stage = process.argv[2];
if (!stage) {
  console.error('usage: data-present.mjs <stage>');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = resolve(process.env.GOOGLENET_RUNS_DIR ?? join(root, 'runs'));
const data = resolve(process.env.GOOGLENET_DATA_DIR ?? join(root, 'data'));

function complete(dir) {
  const marker = join(dir, '.complete.json');
  if (!existsSync(marker)) return false;
  try {
    const { files } = JSON.parse(readFileSync(marker, 'utf8'));
    return files.every((f) => existsSync(join(dir, f.path)) && statSync(join(dir, f.path)).size === f.bytes);
  } catch {
    return false;
  }
}

const missing = [];
for (const config of existsSync(runs) ? readdirSync(runs).sort() : []) {
  const manifestPath = join(runs, config, stage, 'manifest.json');
  if (!existsSync(manifestPath)) continue;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    missing.push(`${config}(unreadable manifest)`);
    continue;
  }
  if (manifest.status === 'done' && manifest.dataDir && !complete(join(data, manifest.dataDir))) missing.push(config);
}
console.log(missing.length === 0 ? 'ok' : `missing data: ${missing.join(' ')}`);
