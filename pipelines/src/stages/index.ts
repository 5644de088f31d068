import type { StageImpl } from '../runner.js';
import type { StageName } from '../stages.js';
import { synth } from './synth.js';
import { ingest } from './ingest.js';
import { train } from './train.js';
import { evaluate } from './evaluate.js';
import { detect } from './detect.js';
import { report } from './report.js';

export const STAGE_IMPLS: Record<StageName, StageImpl> = { synth, ingest, train, evaluate, detect, report };
