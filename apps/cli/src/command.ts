/** One `googlenet` subcommand: a name, a one-line summary, its --help text and its action. */
export interface Command {
  name: string;
  summary: string;
  /** Full help, printed by `googlenet <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}
