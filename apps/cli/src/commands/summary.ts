import { formatSummary, summarize, type GoogLeNetOptions } from '@googlenet/model';
import type { Command } from '../command.js';

const USAGE = `Usage: googlenet summary [--input-size N] [--classes N] [--width X] [--json]

Prints Table 1 of the paper beside our exact parameter and multiply-add counts.
  --input-size N  square input side in pixels, ≥ 64 (default 224)
  --classes N     number of classes (default 1000)
  --width X       channel multiplier (default 1)
  --json          print {rows, totals} as JSON instead of a table`;

/** Parses the flags; throws naming the flag on bad input. */
export function parseSummaryArgs(argv: string[]): { options: Partial<GoogLeNetOptions>; json: boolean } {
  const options: Partial<GoogLeNetOptions> = {};
  let json = false;
  const numberFlags: Record<string, keyof GoogLeNetOptions> = {
    '--input-size': 'inputSize',
    '--classes': 'numClasses',
    '--width': 'width',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--json') {
      json = true;
      continue;
    }
    const key = numberFlags[flag];
    if (!key) throw new Error(`unknown option '${flag}'\n\n${USAGE}`);
    const text = inline ?? argv[++i];
    const value = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new Error(`${flag} needs a number, got '${text ?? ''}'`);
    (options as Record<string, number>)[key] = value;
  }
  return { options, json };
}

export const summaryCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const { options, json } = parseSummaryArgs(argv);
    const summary = summarize(options);
    console.log(json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return 0;
  },
};
