/** What a `googlenet` subcommand does: its --help text and its action. */
export interface Command {
  /** Full help, printed by `googlenet <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A subcommand as `googlenet --help` lists it; its module is imported only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `googlenet --help`. */
  summary: string;
  load(): Promise<Command>;
}
