import { parseArgs } from 'node:util';
import { synthesize, MAX_SYNTH_CLASSES } from '@googlenet/data';
import type { Command } from '../command.js';
import { numberFlag } from '../flags.js';

const USAGE = `Usage: googlenet synth --out DIR [options]

Writes the demo dataset in the official ILSVRC layout: train/<wnid>/*.JPEG, val/*.JPEG with
devkit/data/{meta.mat, ILSVRC2012_validation_ground_truth.txt}, VOC XML boxes under bbox/, and a
detection split under det/{train,val} with det/annotations/{train,val}/*.xml. Same seed, same bytes;
a rerun with the same options is skipped (synth.json records them).
  --out DIR               output directory (required)
  --seed N                random seed (default 0)
  --classes N             number of classes, 2–${MAX_SYNTH_CLASSES} (default 24)
  --train-per-class N     training images per class (default 100)
  --val-per-class N       validation images per class (default 20)
  --det-train N           detection training images (default 200)
  --det-val N             detection validation images (default 100)
  --min-side PX           smallest image side (default 200)
  --max-side PX           largest image side (default 500)`;


export const synthCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        classes: { type: 'string' },
        'train-per-class': { type: 'string' },
        'val-per-class': { type: 'string' },
        'det-train': { type: 'string' },
        'det-val': { type: 'string' },
        'min-side': { type: 'string' },
        'max-side': { type: 'string' },
      },
    });
    if (!values.out) throw new Error(`--out DIR is required\n\n${USAGE}`);
    const started = Date.now();
    const summary = await synthesize({
      out: values.out,
      seed: numberFlag('--seed', values.seed, 'integer', 0),
      numClasses: numberFlag('--classes', values.classes, 'integer', 24),
      trainPerClass: numberFlag('--train-per-class', values['train-per-class'], 'integer', 100),
      valPerClass: numberFlag('--val-per-class', values['val-per-class'], 'integer', 20),
      detTrainImages: numberFlag('--det-train', values['det-train'], 'integer', 200),
      detValImages: numberFlag('--det-val', values['det-val'], 'integer', 100),
      minSidePx: numberFlag('--min-side', values['min-side'], 'integer', 200),
      maxSidePx: numberFlag('--max-side', values['max-side'], 'integer', 500),
    });
    console.log(
      `synth: ${summary.classes.length} classes, ${summary.trainImages} train, ${summary.valImages} val, ` +
        `${summary.detTrainImages}+${summary.detValImages} detection images in ${values.out} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  },
};
