import { parseArgs } from 'node:util';
import { isBackendName } from '@googlenet/backend';
import { loadTrainConfig, resolveConfig, train } from '@googlenet/training';
import type { Command } from '../command.js';
import { numberFlag } from '../flags.js';

const USAGE = `Usage: googlenet train --config FILE[#export] --shards DIR --out DIR [options]

Trains GoogLeNet with the paper's recipe (momentum SGD, −4% every 8 epochs, aux losses × 0.3,
Polyak averaging) on a split's shards. Writes OUT/log.jsonl (every step and validation),
OUT/checkpoints/, OUT/final/ (the Polyak-averaged model), OUT/final-raw/ and OUT/result.json.
  --config FILE[#name]   a .ts/.js module (default export, the one object export, or #name) or
                         a .json file: fields of TrainConfig; missing ones come from PAPER_RECIPE
  --shards DIR           training split shard directory (from 'googlenet ingest')
  --val-shards DIR       validation split: single centre-crop top-1/top-5 error of the averaged model
  --out DIR              run directory
  --resume               continue from OUT/checkpoints (the losses continue exactly on cpu/wasm)
  --backend B            tensorflow-gpu | tensorflow | wasm | cpu (default: fastest present)
  --seed N               override the config's seed (ensemble members differ only in it)
  --width X              override the channel width multiplier (the ensemble's wider member)
  --epochs N             override the number of epochs
  --max-steps N          stop after N optimizer steps (smoke runs)
  --loader-workers N     threads that decode and augment (0: the training thread; default:
                         GOOGLENET_LOADER_WORKERS, else cores − 1, at most 16; results do not change)`;


export const trainCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        config: { type: 'string' },
        shards: { type: 'string' },
        'val-shards': { type: 'string' },
        out: { type: 'string' },
        resume: { type: 'boolean' },
        backend: { type: 'string' },
        seed: { type: 'string' },
        width: { type: 'string' },
        epochs: { type: 'string' },
        'max-steps': { type: 'string' },
        'loader-workers': { type: 'string' },
      },
    });
    for (const flag of ['config', 'shards', 'out'] as const) if (!values[flag]) throw new Error(`--${flag} is required\n\n${USAGE}`);
    if (values.backend !== undefined && !isBackendName(values.backend))
      throw new Error(`--backend must be tensorflow-gpu, tensorflow, wasm or cpu, got '${values.backend}'`);
    const fromFile = await loadTrainConfig(values.config!);
    const overrides = {
      seed: numberFlag('--seed', values.seed, 'non-negative integer'),
      width: numberFlag('--width', values.width, 'non-negative number'),
      epochs: numberFlag('--epochs', values.epochs, 'non-negative integer'),
      maxSteps: numberFlag('--max-steps', values['max-steps'], 'non-negative integer'),
    };
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const config = resolveConfig({ ...fromFile, ...defined }, `${values.config} with command-line overrides`);
    const result = await train({
      config,
      shardsDir: values.shards!,
      valShardsDir: values['val-shards'],
      outDir: values.out!,
      resume: values.resume ?? false,
      backend: values.backend as Parameters<typeof train>[0]['backend'],
      loaderWorkers: numberFlag('--loader-workers', values['loader-workers'], 'non-negative integer'),
    });
    const val = result.val ? `, val top-1 ${(100 * result.val.top1Error).toFixed(2)}% top-5 ${(100 * result.val.top5Error).toFixed(2)}%` : '';
    console.log(`${result.steps} steps, final loss ${result.finalLoss.toFixed(4)}${val}, ${result.imgPerSec.toFixed(1)} img/s on ${result.backend}; ${values.out}/result.json`);
    return 0;
  },
};
