import { parseArgs } from 'node:util';
import { isBackendName, selectBackend } from '@googlenet/backend';
import { ShardDataset } from '@googlenet/data';
import { CROP_SCHEMES, evaluateEnsemble, formatTable3, type CropPooling, type CropScheme, type EvaluationResult } from '@googlenet/evaluation';
import { loadModel } from '@googlenet/model';
import { JsonlLog, writeFileAtomic, writeJsonAtomic } from '@googlenet/util';
import type { Command } from '../command.js';
import { numberFlag } from '../flags.js';

const USAGE = `Usage: googlenet evaluate --shards DIR --weights M1 [M2 …] [options]

Evaluates one model or an ensemble the way the paper does (Table 3): softmax probabilities
averaged over the crops of each image and over the models. With several models the first one's
own result is reported too (Table 3's single-model row), from the same pass.
  --shards DIR            a split's shard directory (from 'googlenet ingest'), e.g. the val split
  --weights M1 [M2 …]     model directories (model.json + weights); several form an ensemble
  --crops C               1 (centre), 10 (corners + centre, mirrored) or 144 (the paper's 4 scales
                          × 3 squares × 6 crops × 2 mirrors); a list like 1,10,144 runs each
                          (default 1)
  --pooling P             mean | max over crops (max is the paper's ablation; default mean)
  --limit N               evaluate only the first N rows
  --batch N               crops per forward pass (default 32)
  --backend B             tensorflow-gpu | tensorflow | wasm | cpu (default: fastest present)
  --out FILE              results JSON: one object {models, crops, cost, top1Error, top5Error, …},
                          or an array when there are several results
  --table FILE            the Markdown table in Table 3's layout, paper beside ours
  --log FILE              JSONL progress log (default: beside --out, <out>.log.jsonl)
  --json                  print the results JSON on stdout instead of the summary`;

/** `--weights a b c` → `--weights a --weights b --weights c`, so parseArgs can collect them. */
function expandMultiValue(argv: string[], flag: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]);
    if (argv[i] !== flag) continue;
    let first = true;
    while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      if (!first) out.push(flag);
      out.push(argv[++i]);
      first = false;
    }
  }
  return out;
}


function cropSchemes(text: string): CropScheme[] {
  return text.split(',').map((t) => {
    const v = Number(t.trim());
    if (!(CROP_SCHEMES as readonly number[]).includes(v)) throw new Error(`--crops must be 1, 10 or 144 (or a list like 1,10,144), got '${t}'`);
    return v as CropScheme;
  });
}

function summaryLine(r: EvaluationResult): string {
  const pct = (f: number): string => `${(f * 100).toFixed(2)}%`;
  return (
    `${r.models} model${r.models === 1 ? '' : 's'} × ${r.crops} crop${r.crops === 1 ? '' : 's'} (${r.pooling}, cost ${r.cost}): ` +
    `top-1 error ${pct(r.top1Error)}, top-5 error ${pct(r.top5Error)} on ${r.images} images ` +
    `(${r.imagesPerSec.toFixed(2)} img/s, ${r.cropsPerSec.toFixed(1)} crops/s, ${r.backend}, ${r.inputSizePx} px)`
  );
}

export const evaluateCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: expandMultiValue(argv, '--weights'),
      strict: true,
      options: {
        shards: { type: 'string' },
        weights: { type: 'string', multiple: true },
        crops: { type: 'string' },
        pooling: { type: 'string' },
        limit: { type: 'string' },
        batch: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        table: { type: 'string' },
        log: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.shards || !values.weights || values.weights.length === 0) throw new Error(`--shards and --weights are required\n\n${USAGE}`);
    const schemes = cropSchemes(values.crops ?? '1');
    const pooling = (values.pooling ?? 'mean') as CropPooling;
    if (pooling !== 'mean' && pooling !== 'max') throw new Error(`--pooling must be mean or max, got '${String(values.pooling)}'`);
    if (values.backend !== undefined && !isBackendName(values.backend)) throw new Error(`--backend must be tensorflow-gpu, tensorflow, wasm or cpu, got '${values.backend}'`);
    const limit = numberFlag('--limit', values.limit, 'positive integer');
    const batchSize = numberFlag('--batch', values.batch, 'positive integer');

    await selectBackend(values.backend !== undefined && isBackendName(values.backend) ? { prefer: values.backend } : {});
    const dataset = await ShardDataset.open(values.shards);
    const models = [];
    for (const dir of values.weights) {
      try {
        models.push(await loadModel(dir));
      } catch (err) {
        throw new Error(`--weights ${dir}: cannot load the model (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    const logPath = values.log ?? (values.out ? `${values.out.replace(/\.json$/, '')}.log.jsonl` : undefined);
    const log = logPath ? new JsonlLog(logPath) : undefined;
    log?.write('evaluate_command', { shards: values.shards, weights: values.weights, crops: schemes, pooling, limit: limit ?? null });

    const results: EvaluationResult[] = [];
    try {
      for (const crops of schemes) {
        const rs = await evaluateEnsemble(models, values.weights, dataset, { crops, pooling, ...(limit ? { limit } : {}), ...(batchSize ? { batchSize } : {}), ...(log ? { log } : {}) });
        for (const r of rs) {
          results.push(r);
          log?.write('evaluate_result', { models: r.models, crops: r.crops, pooling: r.pooling, top1Error: r.top1Error, top5Error: r.top5Error, images: r.images });
          if (!values.json) console.log(summaryLine(r));
        }
      }
    } finally {
      models.forEach((m) => m.dispose());
    }

    const payload = results.length === 1 ? results[0] : results;
    if (values.out) await writeJsonAtomic(values.out, payload);
    const table = formatTable3(results);
    if (values.table) await writeFileAtomic(values.table, table + '\n');
    if (values.json) console.log(JSON.stringify(payload, null, 2));
    else console.log(`\n${table}`);
    return 0;
  },
};
