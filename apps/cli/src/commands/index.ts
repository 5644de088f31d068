import type { CommandEntry } from '../command.js';

/**
 * Every subcommand, in the order `googlenet --help` lists them (the order of the pipeline). Each is
 * loaded only when run: a stage then pays only for the libraries it uses (tfjs, sharp, arrow).
 */
export const COMMANDS: CommandEntry[] = [
  {
    name: 'synth',
    summary: 'writes the demo dataset (classification + detection) in the official ILSVRC layout',
    load: async () => (await import('./synth.js')).synthCommand,
  },
  {
    name: 'ingest',
    summary: 'turns an ILSVRC split (official, Kaggle or detection layout) into Arrow shards',
    load: async () => (await import('./ingest.js')).ingestCommand,
  },
  {
    name: 'summary',
    summary: "prints GoogLeNet's layers, parameters and multiply-adds beside Table 1",
    load: async () => (await import('./summary.js')).summaryCommand,
  },
  {
    name: 'train',
    summary: "train GoogLeNet on shards with the paper's recipe (checkpoints, --resume, Polyak export)",
    load: async () => (await import('./train.js')).trainCommand,
  },
  {
    name: 'evaluate',
    summary: 'top-1/top-5 error with 1, 10 or 144 crops and model ensembles (Table 3)',
    load: async () => (await import('./evaluate.js')).evaluateCommand,
  },
  {
    name: 'detect',
    summary: 'R-CNN detection: selective search proposals, fine-tuning, inference, ILSVRC mAP (Tables 4–5)',
    load: async () => (await import('./detect.js')).detectCommand,
  },
  {
    name: 'report',
    summary: 'the paper-vs-ours report (HTML and Markdown) of a pipeline run',
    load: async () => (await import('./report.js')).reportCommand,
  },
];
