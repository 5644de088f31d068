import type { Command } from '../command.js';

/** Every subcommand, in the order `googlenet --help` lists them (the order of the pipeline). */
export const COMMANDS: Command[] = [];
