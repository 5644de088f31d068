import type { ExperimentConfig } from '../configs/types.js';

export type StageName = 'synth' | 'ingest' | 'train' | 'evaluate' | 'detect' | 'report';

/**
 * The pipeline as data. `libs` are the libraries whose sources determine a stage's output: they
 * are hashed into the stage's data key and must match the stage's Nx `inputs` in project.json (a
 * test checks that); `part` is the config part the stage reads; `upstream` the stages whose
 * outputs it reads (its Nx `dependsOn`).
 */
export interface StageSpec {
  name: StageName;
  libs: string[];
  /** `googlenet` subcommands the stage runs; missing ones make the stage 'unavailable'. */
  commands: string[];
  /** Commands used when present (their absence leaves a section of the output empty). */
  optionalCommands?: string[];
  part: keyof Pick<ExperimentConfig, 'data' | 'train' | 'evaluate' | 'detect'> | null;
  upstream: StageName[];
}

export const STAGES: Record<StageName, StageSpec> = {
  synth: { name: 'synth', libs: ['util', 'data'], commands: ['synth'], part: 'data', upstream: [] },
  ingest: { name: 'ingest', libs: ['util', 'data'], commands: ['ingest'], part: 'data', upstream: ['synth'] },
  train: {
    name: 'train',
    libs: ['util', 'backend', 'model', 'data', 'training'],
    commands: ['train'],
    part: 'train',
    upstream: ['ingest'],
  },
  evaluate: {
    name: 'evaluate',
    libs: ['util', 'backend', 'model', 'data', 'evaluation'],
    commands: ['evaluate'],
    part: 'evaluate',
    upstream: ['ingest', 'train'],
  },
  detect: {
    name: 'detect',
    libs: ['util', 'backend', 'model', 'data', 'training', 'evaluation', 'detection'],
    commands: ['detect'],
    part: 'detect',
    upstream: ['ingest', 'train'],
  },
  report: {
    name: 'report',
    libs: ['util', 'backend', 'model', 'report'],
    commands: ['report'],
    optionalCommands: ['summary'],
    part: null,
    upstream: ['synth', 'ingest', 'train', 'evaluate', 'detect'],
  },
};

export const STAGE_ORDER: StageName[] = ['synth', 'ingest', 'train', 'evaluate', 'detect', 'report'];

export function isStageName(s: string): s is StageName {
  return (STAGE_ORDER as string[]).includes(s);
}
