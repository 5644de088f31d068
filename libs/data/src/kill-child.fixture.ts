// Child process of kill.test.ts: ingests argv[2] into argv[3], pausing after each shard so that
// the parent can SIGKILL it mid-way.
import { setTimeout as sleep } from 'node:timers/promises';
import { ingest } from './ingest.js';

const [root, out] = process.argv.slice(2);
if (!root || !out) throw new Error('usage: kill-child.fixture.ts ROOT OUT');
await ingest({ root, split: 'train', out, rowsPerShard: 2, rowsPerBatch: 1, workers: 1, seed: 11, progress: false, onShardDone: () => sleep(150) });
