/**
 * Reads a run directory (`runs/<config>/`, written by the pipeline) into ReportInputs. The layout:
 *   <stage>/manifest.json              every stage: status, reason, wall time, facts
 *   train/<member>/log.jsonl           per ensemble member (names in train's manifest facts.members)
 *   evaluate/results.json              array of evaluation results
 *   detect/result.json                 detection result; detect/examples.json: DetectionExample[]
 *   experiment.json (in --out)         configuration name, expectation, classes, differences
 *   summary.json (in --out)            `googlenet summary --json`
 * Anything absent leaves its section empty; anything malformed is an error naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, platform, arch } from 'node:os';
import { join } from 'node:path';
import { readJsonl } from '@googlenet/util';
import { curvesFromLog } from './training-log.js';
import type { DetectionExample, DetectionInput, EvaluationInput, ModelSummaryInput, ReportInputs, StageTiming, TrainingMemberInput } from './types.js';

export const STAGE_NAMES = ['synth', 'ingest', 'train', 'evaluate', 'detect', 'report'] as const;

/** What the pipeline knows about the experiment and writes for the report. */
export interface ExperimentFacts {
  configName: string;
  expects: string;
  numClasses: number | null;
  differences: string[];
}

interface ManifestLike {
  status: StageTiming['status'];
  reason?: string;
  wallSeconds?: number;
  reusedData?: boolean;
  facts?: Record<string, unknown>;
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${path}: cannot read JSON (${(err as Error).message})`);
  }
}

function readOptional<T>(path: string): T | null {
  return existsSync(path) ? readJson<T>(path) : null;
}

function requireNumber(obj: Record<string, unknown>, key: string, source: string): void {
  if (typeof obj[key] !== 'number' || !Number.isFinite(obj[key])) throw new Error(`${source}: field '${key}' must be a finite number, got ${JSON.stringify(obj[key])}`);
}

export function readEvaluationResults(path: string): EvaluationInput[] {
  const parsed = readJson<unknown>(path);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((r, i) => {
    for (const k of ['models', 'crops', 'cost', 'top1Error', 'top5Error', 'images']) requireNumber(r as Record<string, unknown>, k, `${path}[${i}]`);
  });
  return list as EvaluationInput[];
}

export function readDetectionResult(path: string): DetectionInput {
  const d = readJson<Record<string, unknown>>(path);
  for (const k of ['mAP', 'images', 'proposalsPerImage', 'recallAt05']) requireNumber(d, k, path);
  if (!Array.isArray(d.recallCurve)) throw new Error(`${path}: field 'recallCurve' must be an array`);
  return d as unknown as DetectionInput;
}

function packageVersion(name: string, from: string): string | null {
  const p = join(from, 'node_modules', name, 'package.json');
  return existsSync(p) ? (readJson<{ version: string }>(p).version ?? null) : null;
}

export interface LoadOptions {
  runDir: string;
  experimentPath?: string;
  summaryPath?: string;
  /** Where node_modules is, for package versions (default: the current directory). */
  workspaceRoot?: string;
  now?: Date;
}

export function loadReportInputs(opts: LoadOptions): ReportInputs {
  const run = opts.runDir;
  if (!existsSync(run)) throw new Error(`${run}: no such run directory`);
  const manifests: Partial<Record<string, ManifestLike>> = {};
  for (const s of STAGE_NAMES) manifests[s] = readOptional<ManifestLike>(join(run, s, 'manifest.json')) ?? undefined;

  const experiment = opts.experimentPath ? readJson<ExperimentFacts>(opts.experimentPath) : null;
  const summary = opts.summaryPath && existsSync(opts.summaryPath) ? readJson<ModelSummaryInput>(opts.summaryPath) : null;
  if (summary && !Array.isArray(summary.rows)) throw new Error(`${opts.summaryPath}: field 'rows' must be an array`);

  const members = (manifests.train?.facts?.members as { name: string; widthMultiplier?: number }[] | undefined) ?? [];
  const training: TrainingMemberInput[] = members.map((m) => ({
    name: m.name,
    widthMultiplier: m.widthMultiplier,
    epochs: curvesFromLog(readJsonl(join(run, 'train', m.name, 'log.jsonl'))),
  }));

  const evalPath = join(run, 'evaluate', 'results.json');
  const evaluation = existsSync(evalPath) ? readEvaluationResults(evalPath) : [];
  const detPath = join(run, 'detect', 'result.json');
  const detection = existsSync(detPath) ? readDetectionResult(detPath) : null;
  const examples = readOptional<DetectionExample[]>(join(run, 'detect', 'examples.json')) ?? [];

  const stages: StageTiming[] = STAGE_NAMES.map((s) => {
    const m = manifests[s];
    // The report stage writes its manifest after this page: it is the stage running now.
    if (!m) return s === 'report' ? { stage: s, status: 'done', reason: 'this report' } : { stage: s, status: 'not run' };
    const compute = m.facts?.computeSeconds;
    return {
      stage: s,
      status: m.status,
      reason: m.reason,
      computeSeconds: typeof compute === 'number' ? compute : undefined,
      wallSeconds: m.wallSeconds,
      reusedData: m.reusedData,
    };
  });

  const backends = [...new Set([...evaluation.map((r) => r.backend), ...(detection ? [detection.backend] : [])])].filter(Boolean);
  const trainBackend = manifests.train?.facts?.backend;
  if (typeof trainBackend === 'string' && !backends.includes(trainBackend)) backends.unshift(trainBackend);
  const root = opts.workspaceRoot ?? process.cwd();
  const versions: Record<string, string> = { node: process.version };
  for (const pkg of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'sharp', '@julusian/jpeg-turbo', 'koffi', 'apache-arrow', 'nx']) {
    const v = packageVersion(pkg, root);
    if (v) versions[pkg] = v;
  }
  const cpuList = cpus();
  return {
    configName: experiment?.configName ?? run.split('/').filter(Boolean).pop() ?? 'run',
    expects: experiment?.expects ?? '',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    numClasses: experiment?.numClasses ?? null,
    summary,
    training,
    evaluation,
    detection,
    examples,
    environment: {
      backends,
      versions,
      platform: `${platform()} ${arch()}`,
      cpus: `${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown'}`,
    },
    stages,
    differences: experiment?.differences ?? [],
  };
}
