import { parseArgs } from 'node:util';
import { synthesize, MAX_SYNTH_CLASSES } from '@googlenet/data';
import type { Command } from '../command.js';

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

function int(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v)) throw new Error(`${flag} needs an integer, got '${text}'`);
  return v;
}

export const synthCommand: Command = {
  name: 'synth',
  summary: 'writes the demo dataset (classification + detection) in the official ILSVRC layout',
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
      seed: int('--seed', values.seed, 0),
      numClasses: int('--classes', values.classes, 24),
      trainPerClass: int('--train-per-class', values['train-per-class'], 100),
      valPerClass: int('--val-per-class', values['val-per-class'], 20),
      detTrainImages: int('--det-train', values['det-train'], 200),
      detValImages: int('--det-val', values['det-val'], 100),
      minSidePx: int('--min-side', values['min-side'], 200),
      maxSidePx: int('--max-side', values['max-side'], 500),
    });
    console.log(
      `synth: ${summary.classes.length} classes, ${summary.trainImages} train, ${summary.valImages} val, ` +
        `${summary.detTrainImages}+${summary.detValImages} detection images in ${values.out} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  },
};
