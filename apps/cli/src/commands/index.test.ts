import { describe, expect, it } from 'vitest';
import { COMMANDS } from './index.js';

describe('the command registry', () => {
  it('lists the pipeline stages in order, each once', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['synth', 'ingest', 'summary', 'train', 'evaluate', 'detect', 'report']);
  });

  it('loads every command, each with usage text that names it', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.usage).toContain(`googlenet ${entry.name}`);
      expect(typeof command.run).toBe('function');
    }
  });
});
