/**
 * Runs train() in its own process for the kill/resume test: `node --import tsx train-child.ts
 * <json>` with {config, shardsDir, valShardsDir?, outDir, resume, backend}.
 */
import { train, type TrainOptions } from './train.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as TrainOptions;
await train({ ...opts, progress: false, log: (line) => process.stderr.write(line + '\n') });
