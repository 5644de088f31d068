export { Rng, type RngState } from './rng.js';
export { writeFileAtomic, writeJsonAtomic, sha256File, sha256, stableStringify } from './atomic.js';
export { JsonlLog, readJsonl } from './jsonl.js';
export { Progress, formatProgressLine, formatDuration, type ProgressOptions } from './progress.js';
export { WorkerPool, type WorkerPoolOptions, type WorkerReply } from './worker-pool.js';
