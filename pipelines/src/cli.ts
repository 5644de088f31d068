import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './paths.js';

const BIN = join(WORKSPACE_ROOT, 'apps/cli/bin/googlenet.js');

/** `googlenet` has no such subcommand (yet): the stage that needs it is 'unavailable', not failed. */
export class UnknownCommandError extends Error {
  constructor(readonly command: string) {
    super(`googlenet has no '${command}' command yet`);
  }
}

/**
 * Runs `googlenet <args>` with its output on this terminal (progress bars keep their TTY);
 * returns stdout when `capture`. Exit code 2 is the dispatcher's "unknown command" (or a usage
 * error): only then is `googlenet --help` consulted, to tell the two apart.
 */
export async function googlenet(args: string[], opts: { capture?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  try {
    return await spawnGoogleNet(args, opts);
  } catch (err) {
    if (err instanceof ExitCodeError && err.code === 2 && args[0] && !(await availableCommands()).has(args[0])) throw new UnknownCommandError(args[0]);
    throw err;
  }
}

class ExitCodeError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

function spawnGoogleNet(args: string[], opts: { capture?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(out);
      else reject(new ExitCodeError(`'googlenet ${args.join(' ')}' exited with code ${code}`, code));
    });
  });
}

/** The subcommands listed by `googlenet --help` (the section after "Commands:"). */
export function parseCommandList(helpText: string): Set<string> {
  const lines = helpText.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Commands:');
  const names = new Set<string>();
  if (start < 0) return names;
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}([a-z][\w-]*)\s{2,}/.exec(line);
    if (m) names.add(m[1]);
    else if (line.trim() === '' && names.size > 0) break;
  }
  return names;
}

let cached: Set<string> | undefined;
export async function availableCommands(): Promise<Set<string>> {
  cached ??= parseCommandList(await spawnGoogleNet(['--help'], { capture: true }));
  return cached;
}
