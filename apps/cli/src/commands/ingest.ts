import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INGEST, DEFAULT_SHORTER_SIDE_MAX_PX, ingest, type SplitName } from '@googlenet/data';
import type { Command } from '../command.js';
import { numberFlag } from '../flags.js';

const SPLITS: SplitName[] = ['train', 'val', 'det-train', 'det-val'];

const USAGE = `Usage: googlenet ingest --root DIR --split S --out DIR [options]

Turns an ILSVRC tree (official devkit layout, Kaggle layout, or det/ with VOC XML) into Arrow IPC
shards plus manifest.json and ingest.log.jsonl in --out. Resumable: rerun the same command after a
crash and finished shards are kept. Same input and options ⇒ byte-identical shards.
  --root DIR              dataset root (required)
  --split S               ${SPLITS.join(' | ')} (required)
  --out DIR               output directory for this split's shards (required)
  --layout L              auto | official | kaggle (default auto)
  --shorter-side PX       cap on the stored shorter side, never upscaled
                          (default ${SPLITS.map((s) => `${s} ${DEFAULT_SHORTER_SIDE_MAX_PX[s]}`).join(', ')})
  --quality Q             JPEG quality of the stored images (default ${DEFAULT_INGEST.jpegQuality})
  --max-pixels N          larger images are quarantined as decompression bombs (default ${DEFAULT_INGEST.maxInputPixels})
  --rows-per-batch N      rows per Arrow record batch (default ${DEFAULT_INGEST.rowsPerBatch})
  --rows-per-shard N      rows per shard file (default ${DEFAULT_INGEST.rowsPerShard})
  --workers N             decoding threads (default: all cores; 0 = main thread)
  --seed N                row order of training splits (default ${DEFAULT_INGEST.seed})
  --limit N               ingest only the first N images of that order`;


export const ingestCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        root: { type: 'string' },
        split: { type: 'string' },
        out: { type: 'string' },
        layout: { type: 'string' },
        'shorter-side': { type: 'string' },
        quality: { type: 'string' },
        'max-pixels': { type: 'string' },
        'rows-per-batch': { type: 'string' },
        'rows-per-shard': { type: 'string' },
        workers: { type: 'string' },
        seed: { type: 'string' },
        limit: { type: 'string' },
      },
    });
    if (!values.root || !values.split || !values.out) throw new Error(`--root, --split and --out are required\n\n${USAGE}`);
    if (!SPLITS.includes(values.split as SplitName)) throw new Error(`--split must be one of ${SPLITS.join(', ')}, got '${values.split}'`);
    const layout = values.layout ?? 'auto';
    if (layout !== 'auto' && layout !== 'official' && layout !== 'kaggle') throw new Error(`--layout must be auto, official or kaggle, got '${layout}'`);
    const opt = <T>(key: string, v: T | undefined): Record<string, T> => (v === undefined ? {} : { [key]: v });
    const started = Date.now();
    const manifest = await ingest({
      root: values.root,
      split: values.split as SplitName,
      out: values.out,
      layout,
      ...opt('shorterSideMaxPx', numberFlag('--shorter-side', values['shorter-side'], 'integer')),
      ...opt('jpegQuality', numberFlag('--quality', values.quality, 'integer')),
      ...opt('maxInputPixels', numberFlag('--max-pixels', values['max-pixels'], 'integer')),
      ...opt('rowsPerBatch', numberFlag('--rows-per-batch', values['rows-per-batch'], 'integer')),
      ...opt('rowsPerShard', numberFlag('--rows-per-shard', values['rows-per-shard'], 'integer')),
      ...opt('workers', numberFlag('--workers', values.workers, 'integer')),
      ...opt('seed', numberFlag('--seed', values.seed, 'integer')),
      ...opt('limit', numberFlag('--limit', values.limit, 'integer')),
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `ingest ${manifest.split}: ${manifest.numRows} rows in ${manifest.shards.length} shards, ${manifest.quarantined.length} quarantined, ` +
        `${manifest.classes.length} classes (${seconds.toFixed(1)} s) → ${join(values.out, 'manifest.json')}`,
    );
    for (const q of manifest.quarantined.slice(0, 20)) console.log(`  quarantined ${q.path}: ${q.reason}`);
    if (manifest.quarantined.length > 20) console.log(`  … ${manifest.quarantined.length - 20} more in manifest.json`);
    return 0;
  },
};
