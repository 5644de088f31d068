import { describe, expect, it, vi } from 'vitest';
import { parseSummaryArgs, summaryCommand } from './summary.js';

describe('googlenet summary', () => {
  it('parses --input-size, --classes, --width (spaced or =) and --json', () => {
    expect(parseSummaryArgs(['--input-size', '96', '--classes=10', '--width', '0.5', '--json'])).toEqual({
      options: { inputSize: 96, numClasses: 10, width: 0.5 },
      json: true,
    });
    expect(parseSummaryArgs([])).toEqual({ options: {}, json: false });
  });

  it('rejects unknown flags and non-numbers by name', () => {
    expect(() => parseSummaryArgs(['--depth', '3'])).toThrow(/unknown option '--depth'/);
    expect(() => parseSummaryArgs(['--width', 'wide'])).toThrow(/--width needs a number, got 'wide'/);
    expect(() => parseSummaryArgs(['--classes'])).toThrow(/--classes needs a number/);
  });

  it('prints the paper totals as JSON', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await summaryCommand.run(['--json'])).toBe(0);
    const printed = JSON.parse(log.mock.calls[0]![0] as string) as { totals: Record<string, number>; rows: unknown[] };
    log.mockRestore();
    expect(printed.totals).toEqual({ params: 6_998_552, paramsWithAux: 13_378_280, macs: 1_582_671_872 });
    expect(printed.rows).toHaveLength(21);
  });

  it('prints an aligned table for a small network', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await summaryCommand.run(['--input-size', '64', '--width', '0.25', '--classes', '10'])).toBe(0);
    const text = log.mock.calls[0]![0] as string;
    log.mockRestore();
    expect(text).toMatch(/^conv 7×7\/2\s+32×32×16\s+2,368/m);
  });
});
