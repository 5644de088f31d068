import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { JsonlLog, sha256, stableStringify, writeJsonAtomic } from '@googlenet/util';
import { CONFIGS } from '../configs/index.js';
import type { ExperimentConfig } from '../configs/types.js';
import { googlenet, UnknownCommandError } from './cli.js';
import { COMPLETE_MARKER, missingData, readManifest, type CompleteMarker, type StageManifest } from './manifest.js';
import { dataRoot, stageRunDir, WORKSPACE_ROOT } from './paths.js';
import { fingerprintFiles, stageSourceFiles } from './sources.js';
import { STAGES, type StageName, type StageSpec } from './stages.js';

/** What a stage implementation sees. */
export interface StageContext {
  config: ExperimentConfig;
  spec: StageSpec;
  /** Absolute data dir of this stage (empty at the start of a computation). */
  dataDir: string;
  /** Manifests of the upstream stages, by name. */
  upstream: Partial<Record<StageName, StageManifest>>;
  /** Absolute path inside an upstream stage's data dir. */
  upstreamData(stage: StageName, ...parts: string[]): string;
  /** Runs `googlenet`; the argv is recorded in the manifest. */
  googlenet(args: string[], opts?: { capture?: boolean }): Promise<string>;
  env: NodeJS.ProcessEnv;
  log: JsonlLog;
}

/** What a stage implementation returns: small files (inside dataDir) to copy into the run dir, and facts. */
export interface StageOutput {
  results: string[];
  facts: Record<string, unknown>;
}

/** One stage: `skip` says why the configuration needs no work from it (null: run it). */
export interface StageImpl {
  skip?(config: ExperimentConfig, env: NodeJS.ProcessEnv): string | null;
  /** Keep an incomplete data dir and let the commands resume from it (training checkpoints). */
  resumable?: boolean;
  run(ctx: StageContext): Promise<StageOutput>;
}

/** Stored in the data dir, so that reusing complete data reproduces the same run-dir contents. */
interface StoredOutput extends StageOutput {
  computeSeconds: number;
  commands: string[][];
}
const STORED_OUTPUT = 'stage-output.json';

function listFiles(dir: string, base = dir, out: CompleteMarker['files'] = []): CompleteMarker['files'] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else if (e.isFile() && e.name !== COMPLETE_MARKER) out.push({ path: relative(base, p), bytes: statSync(p).size });
  }
  return out;
}

export function resolveConfig(name: string | undefined): ExperimentConfig {
  const key = name ?? 'demo';
  const config = (CONFIGS as Record<string, ExperimentConfig>)[key];
  if (!config) throw new Error(`unknown configuration '${key}' (known: ${Object.keys(CONFIGS).join(', ')})`);
  return config;
}

/** Fails fast, before any work, when a configuration needs something the environment lacks. */
export function checkEnvironment(config: ExperimentConfig, env: NodeJS.ProcessEnv): void {
  const source = config.data.source;
  if (source.kind !== 'ilsvrc') return;
  const root = env[source.rootEnv];
  if (!root) {
    throw new Error(
      `configuration '${config.name}' reads the real ILSVRC data: set ${source.rootEnv} to the dataset root ` +
        `(the official devkit layout or Kaggle's ILSVRC/ layout), e.g. ${source.rootEnv}=/data/ilsvrc npx nx run pipelines:reproduce --configuration=${config.name}`,
    );
  }
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`${source.rootEnv}=${root}: not a directory`);
  }
}

/**
 * The content key of a stage's data: its config part, the sources it runs, its upstream stages'
 * keys and, for the stage that reads an external dataset, the dataset's fingerprint.
 */
export function stageKey(spec: StageSpec, config: ExperimentConfig, upstream: Partial<Record<StageName, StageManifest>>, env: NodeJS.ProcessEnv): string {
  const part = spec.part ? config[spec.part] : null;
  const upstreamKeys = Object.fromEntries(spec.upstream.map((u) => [u, upstream[u]?.key ?? null]));
  const sources = fingerprintFiles(stageSourceFiles(spec));
  const dataset = spec.name === 'ingest' && config.data.source.kind === 'ilsvrc' ? externalDatasetFingerprint(env) : null;
  return sha256(stableStringify({ stage: spec.name, config: config.name, part, upstreamKeys, sources, dataset }));
}

/** The same fingerprint of $ILSVRC_ROOT that Nx hashes as the ingest stage's runtime input. */
function externalDatasetFingerprint(env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [join(WORKSPACE_ROOT, 'pipelines/bin/ilsvrc-fingerprint.mjs')], { env, encoding: 'utf8' }).trim();
}

/**
 * Runs one stage: reads the upstream manifests, computes the content key, reuses complete data
 * with that key or recomputes them, copies the small results beside the manifest and writes it.
 */
export async function runStage(stage: StageName, configOrName: ExperimentConfig | string | undefined, impl: StageImpl, env = process.env): Promise<StageManifest> {
  const started = Date.now();
  const config = typeof configOrName === 'object' ? configOrName : resolveConfig(configOrName);
  checkEnvironment(config, env);
  const spec = STAGES[stage];
  const runDir = stageRunDir(config.name, stage, env);
  const root = dataRoot(env);

  const upstream: Partial<Record<StageName, StageManifest>> = {};
  for (const u of spec.upstream) {
    const m = readManifest(join(stageRunDir(config.name, u, env), 'manifest.json'));
    if (m.status === 'done' && m.dataDir) {
      const why = missingData(join(root, m.dataDir));
      if (why) throw new Error(`upstream stage '${u}' of '${config.name}': its data are gone (${why}); rerun '${u}' (npx nx run pipelines:${u} -c ${config.name} --skip-nx-cache)`);
    }
    upstream[u] = m;
  }
  // Only now, with its inputs known to be usable, does the stage replace its previous outputs.
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const log = new JsonlLog(join(runDir, 'events.jsonl'));
  const key = stageKey(spec, config, upstream, env);
  const base: Omit<StageManifest, 'status'> = { stage, config: config.name, key, dataDir: null, reusedData: false, wallSeconds: 0, commands: [], results: [], facts: {} };
  const finish = async (m: StageManifest) => {
    m.wallSeconds = Math.round((Date.now() - started) / 100) / 10;
    log.write('finish', { status: m.status, reason: m.reason, reusedData: m.reusedData, wallSeconds: m.wallSeconds });
    await writeJsonAtomic(join(runDir, 'manifest.json'), m);
    console.log(`[${config.name}/${stage}] ${m.status}${m.reason ? `: ${m.reason}` : ''}${m.reusedData ? ' (reused data)' : ''} in ${m.wallSeconds} s`);
    return m;
  };

  // A stage that needs a missing upstream result, or a command that does not exist yet, records
  // why and runs nothing: the chain keeps working while libraries land, with no fake stage.
  const blocked = spec.upstream.filter((u) => upstream[u]?.status === 'unavailable' && stage !== 'report');
  if (blocked.length > 0) {
    return finish({ ...base, status: 'unavailable', reason: `upstream stage ${blocked.join(', ')} unavailable` });
  }
  const skipReason = impl.skip?.(config, env) ?? null;
  if (skipReason !== null) return finish({ ...base, status: 'skipped', reason: skipReason });

  const rel = join(stage, key.slice(0, 20));
  const dataDir = join(root, rel);
  let stored: StoredOutput;
  let reusedData = false;
  if (missingData(dataDir) === null) {
    stored = JSON.parse(readFileSync(join(dataDir, STORED_OUTPUT), 'utf8')) as StoredOutput;
    reusedData = true;
    log.write('reuse', { dataDir });
  } else {
    // Weeks of ILSVRC training must survive a crash: a resumable stage continues in place.
    if (!impl.resumable) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    log.write('start', { dataDir, key, resuming: impl.resumable === true });
    const commands: string[][] = [];
    const ctx: StageContext = {
      config,
      spec,
      dataDir,
      upstream,
      upstreamData: (u, ...parts) => {
        const m = upstream[u];
        if (!m?.dataDir) throw new Error(`stage '${stage}' needs the data of '${u}', which has none (${m?.status ?? 'not run'})`);
        return join(root, m.dataDir, ...parts);
      },
      googlenet: (args, opts) => {
        commands.push(args.map((a) => (a.startsWith(root) ? `$GOOGLENET_DATA_DIR/${relative(root, a)}` : a)));
        log.write('command', { argv: args });
        return googlenet(args, { ...opts, env });
      },
      env,
      log,
    };
    let out: StageOutput;
    try {
      out = await impl.run(ctx);
    } catch (err) {
      if (!(err instanceof UnknownCommandError)) throw err;
      rmSync(dataDir, { recursive: true, force: true });
      return finish({ ...base, status: 'unavailable', reason: err.message });
    }
    stored = { ...out, commands, computeSeconds: Math.round((Date.now() - started) / 100) / 10 };
    await writeJsonAtomic(join(dataDir, STORED_OUTPUT), stored);
    const marker: CompleteMarker = { key, files: listFiles(dataDir) };
    await writeJsonAtomic(join(dataDir, COMPLETE_MARKER), marker);
  }
  for (const r of stored.results) {
    mkdirSync(dirname(join(runDir, r)), { recursive: true });
    copyFileSync(join(dataDir, r), join(runDir, r));
  }
  return finish({
    ...base,
    status: 'done',
    dataDir: rel,
    reusedData,
    commands: stored.commands,
    results: stored.results,
    facts: { ...stored.facts, computeSeconds: stored.computeSeconds },
  });
}
