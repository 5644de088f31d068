import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StageName } from './stages.js';

/**
 * What a stage leaves in `runs/<config>/<stage>/manifest.json`, the Nx output. Bulky data live in
 * `dataDir`, relative to the data root ($GOOGLENET_DATA_DIR), so a manifest restored from a shared
 * cache on another machine still points at the right place there.
 */
export interface StageManifest {
  stage: StageName;
  config: string;
  /** done: ran (or reused its data); unavailable: a `googlenet` command it needs does not exist yet or an upstream stage was unavailable; skipped: the config turns it off. */
  status: 'done' | 'unavailable' | 'skipped';
  reason?: string;
  /** Content key: sha256 of the stage's config part, sources and upstream keys. */
  key: string;
  dataDir: string | null;
  /** True when complete data with this key were already present and nothing was recomputed. */
  reusedData: boolean;
  wallSeconds: number;
  /** Every `googlenet` call, as argv (paths relative to the data root where they point into it). */
  commands: string[][];
  /** Small result files copied beside the manifest (relative to the stage's run dir). */
  results: string[];
  /** Free-form facts for downstream stages (e.g. the member names trained). */
  facts: Record<string, unknown>;
}

/** Marker written last into a stage's data dir: the files and sizes that make it complete. */
export interface CompleteMarker {
  key: string;
  files: { path: string; bytes: number }[];
}

export const COMPLETE_MARKER = '.complete.json';

export function readManifest(path: string): StageManifest {
  if (!existsSync(path)) throw new Error(`${path}: no stage manifest (has the upstream stage run?)`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StageManifest;
  } catch (err) {
    throw new Error(`${path}: not a JSON stage manifest (${(err as Error).message})`);
  }
}

/** Why the data dir is not usable, or null when it is complete (every listed file present with its size). */
export function missingData(absDataDir: string): string | null {
  const markerPath = join(absDataDir, COMPLETE_MARKER);
  if (!existsSync(markerPath)) return `${absDataDir}: missing or incomplete (no ${COMPLETE_MARKER})`;
  const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as CompleteMarker;
  for (const f of marker.files) {
    const p = join(absDataDir, f.path);
    if (!existsSync(p)) return `${p}: missing`;
    const bytes = statSync(p).size;
    if (bytes !== f.bytes) return `${p}: ${bytes} bytes, expected ${f.bytes}`;
  }
  return null;
}
