import type { Command } from '../command.js';
import { summaryCommand } from './summary.js';
import { synthCommand } from './synth.js';
import { ingestCommand } from './ingest.js';
import { evaluateCommand } from './evaluate.js';
import { reportCommand } from './report.js';
import { trainCommand } from './train.js';
import { detectCommand } from './detect.js';

/** Every subcommand, in the order `googlenet --help` lists them (the order of the pipeline). */
export const COMMANDS: Command[] = [synthCommand, ingestCommand, summaryCommand, trainCommand, evaluateCommand, detectCommand, reportCommand];
