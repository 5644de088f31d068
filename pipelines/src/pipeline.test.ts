import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIGS } from '../configs/index.js';
import { parseCommandList } from './cli.js';
import { differencesFromPaper } from './differences.js';
import { missingData } from './manifest.js';
import { WORKSPACE_ROOT } from './paths.js';
import { checkEnvironment } from './runner.js';
import { STAGE_ORDER, STAGES } from './stages.js';

interface Target {
  inputs: (string | Record<string, unknown>)[];
  outputs: string[];
  dependsOn?: string[];
  configurations: Record<string, { config: string }>;
}
const project = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'pipelines/project.json'), 'utf8')) as { targets: Record<string, Target> };

describe('Nx targets match the stage table', () => {
  for (const stage of STAGE_ORDER) {
    it(`${stage}: inputs name exactly its libraries, commands, stage file and config part`, () => {
      const spec = STAGES[stage];
      const t = project.targets[stage]!;
      const files = t.inputs.filter((i): i is string => typeof i === 'string');
      expect(files.filter((i) => i.startsWith('lib-')).sort()).toEqual(spec.libs.map((l) => `lib-${l}`).sort());
      for (const c of [...spec.commands, ...(spec.optionalCommands ?? [])]) expect(files).toContain(`{workspaceRoot}/apps/cli/src/commands/${c}.ts`);
      expect(files).toContain(`{projectRoot}/src/stages/${stage}.ts`);
      // Only its own config part: editing evaluate.ts must not touch train's hash.
      expect(files.filter((i) => i.startsWith('{projectRoot}/configs/*/'))).toEqual(spec.part ? [`{projectRoot}/configs/*/${spec.part}.ts`] : []);
      expect(t.inputs).toContainEqual({ runtime: `node pipelines/bin/data-present.mjs ${stage}` });
      expect(t.outputs).toEqual([`{workspaceRoot}/runs/{options.config}/${stage}`]);
      expect(Object.keys(t.configurations).sort()).toEqual(Object.keys(CONFIGS).sort());
    });

    it(`${stage}: dependsOn reaches exactly its upstream stages`, () => {
      const reach = (s: string): string[] => (project.targets[s]!.dependsOn ?? []).flatMap((d) => [d, ...reach(d)]);
      const reached = new Set(reach(stage));
      for (const u of STAGES[stage].upstream) expect(reached).toContain(u);
      if (STAGES[stage].upstream.length > 0) expect(project.targets[stage]!.inputs).toContainEqual({ dependentTasksOutputFiles: '**/manifest.json', transitive: true });
    });
  }

  it('evaluate and detect do not depend on each other (editing one reruns only it and the report)', () => {
    const reach = (s: string): string[] => (project.targets[s]!.dependsOn ?? []).flatMap((d) => [d, ...reach(d)]);
    expect(reach('detect')).not.toContain('evaluate');
    expect(reach('evaluate')).not.toContain('detect');
    expect(reach('reproduce')).toEqual(expect.arrayContaining([...STAGE_ORDER]));
  });

  it('the ingest stage fingerprints an external ILSVRC tree', () => {
    expect(project.targets.ingest!.inputs).toContainEqual({ runtime: 'node pipelines/bin/ilsvrc-fingerprint.mjs' });
    expect(project.targets.ingest!.inputs).toContainEqual({ env: 'ILSVRC_ROOT' });
  });
});

describe('driver pieces', () => {
  it('ilsvrc without ILSVRC_ROOT fails with what to set', () => {
    expect(() => checkEnvironment(CONFIGS.ilsvrc, {})).toThrow(/set ILSVRC_ROOT to the dataset root/);
    expect(() => checkEnvironment(CONFIGS.ilsvrc, { ILSVRC_ROOT: '/nonexistent/ilsvrc' })).toThrow('ILSVRC_ROOT=/nonexistent/ilsvrc: not a directory');
    expect(() => checkEnvironment(CONFIGS.demo, {})).not.toThrow();
  });

  it('reads the command list of googlenet --help', () => {
    const help = 'Usage: googlenet <command>\n\nCommands:\n  synth    writes data\n  ingest   shards\n\nRun it.';
    expect([...parseCommandList(help)]).toEqual(['synth', 'ingest']);
  });

  it('tells complete data from data with a missing or truncated file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'missing-data-'));
    try {
      expect(missingData(dir)).toMatch(/no \.complete\.json/);
      mkdirSync(join(dir, 'a'));
      writeFileSync(join(dir, 'a', 'x.bin'), 'abcd');
      writeFileSync(join(dir, '.complete.json'), JSON.stringify({ key: 'k', files: [{ path: 'a/x.bin', bytes: 4 }] }));
      expect(missingData(dir)).toBeNull();
      writeFileSync(join(dir, 'a', 'x.bin'), 'ab');
      expect(missingData(dir)).toBe(`${join(dir, 'a', 'x.bin')}: 2 bytes, expected 4`);
      rmSync(join(dir, 'a'), { recursive: true });
      expect(missingData(dir)).toBe(`${join(dir, 'a', 'x.bin')}: missing`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('states the demo’s differences from the paper with its own numbers', () => {
    const d = differencesFromPaper(CONFIGS.demo, 2);
    const s = CONFIGS.demo.data.source;
    if (s.kind !== 'synth') throw new Error('demo must use generated data');
    expect(d[0]).toContain(`${s.classes} generated classes, ${s.classes * s.trainImagesPerClass} training`);
    expect(d.join(' ')).toContain(`${CONFIGS.demo.train.members.length} members`);
    expect(d.join(' ')).toContain('2 CPU cores');
    expect(differencesFromPaper(CONFIGS.ilsvrc, 16).join(' ')).not.toContain('Scale:');
  });
});
