import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspaceRoot });
  const [result] = await eslint.lintText(source, { filePath: join(workspaceRoot, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('module boundaries (eslint @nx/enforce-module-boundaries)', () => {
  it('rejects the model library importing the data library', async () => {
    const errors = await boundaryErrors(
      'libs/model/src/forbidden.ts',
      "import * as data from '@googlenet/data';\nexport const x = data;\n",
    );
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(/layer:model/);
  });

  it('rejects a library importing the CLI app', async () => {
    const errors = await boundaryErrors(
      'libs/training/src/forbidden.ts',
      "import * as cli from '@googlenet/cli';\nexport const x = cli;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows evaluation to import model and data', async () => {
    const errors = await boundaryErrors(
      'libs/evaluation/src/allowed.ts',
      "import * as model from '@googlenet/model';\nimport * as data from '@googlenet/data';\nexport const x = [model, data];\n",
    );
    expect(errors).toEqual([]);
  });
});
