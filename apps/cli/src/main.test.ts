import { describe, expect, it, vi } from 'vitest';
import type { Command, CommandEntry } from './command.js';
import { helpText, main } from './main.js';

const echoCommand: Command = {
  usage: 'Usage: googlenet echo [words...]',
  run: async (argv) => (argv.length === 0 ? 3 : 0),
};
const echo: CommandEntry = { name: 'echo', summary: 'prints its arguments', load: async () => echoCommand };

describe('googlenet main', () => {
  it('lists every command in --help', () => {
    expect(helpText([echo])).toContain('echo  prints its arguments');
  });

  it('dispatches to the named command and returns its exit code', async () => {
    expect(await main(['echo'], [echo])).toBe(3);
    expect(await main(['echo', 'x'], [echo])).toBe(0);
  });

  it('prints the command\'s usage for --help without running it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main(['echo', '--help'], [echo])).toBe(0);
    expect(log.mock.calls[0]?.[0]).toBe('Usage: googlenet echo [words...]');
    log.mockRestore();
  });

  it('rejects an unknown command with exit code 2', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['nope'], [echo])).toBe(2);
    expect(err.mock.calls[0]?.[0]).toContain("unknown command 'nope'");
    err.mockRestore();
  });

  it('turns a thrown error into exit code 1 with the command name', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const boomCommand: Command = { usage: '', run: async () => { throw new Error('bad file x.JPEG'); } };
    const boom: CommandEntry = { name: 'boom', summary: 'fails', load: async () => boomCommand };
    expect(await main(['boom'], [boom])).toBe(1);
    expect(err.mock.calls[0]?.[0]).toBe('googlenet boom: bad file x.JPEG');
    err.mockRestore();
  });
});
