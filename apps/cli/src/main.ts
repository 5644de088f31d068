import type { CommandEntry } from './command.js';
import { COMMANDS } from './commands/index.js';

export function helpText(commands: readonly CommandEntry[]): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: googlenet <command> [options]',
    '',
    'GoogLeNet (Szegedy et al. 2014) reproduced in TypeScript.',
    '',
    'Commands:',
    ...(lines.length > 0 ? lines : ['  (none yet)']),
    '',
    "Run 'googlenet <command> --help' for a command's options.",
  ].join('\n');
}

/** Dispatches argv to a subcommand; returns the exit code. */
export async function main(argv: string[], commands: readonly CommandEntry[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText(commands));
    return name === undefined ? 1 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`googlenet: unknown command '${name}'\n\n${helpText(commands)}`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(command.usage);
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    console.error(`googlenet ${name}: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.GOOGLENET_DEBUG) console.error(err);
    return 1;
  }
}
