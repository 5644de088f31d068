import nx from '@nx/eslint-plugin';

/**
 * Module boundaries, by layer tag (see each project.json):
 * backend and data stand alone; model builds on backend; training and evaluation on model and
 * data; detection on those; report reads everything; the CLI app wires it all; nothing imports
 * the app. The test in tools/ proves a forbidden import is rejected.
 */
export const depConstraints = [
  { sourceTag: 'layer:util', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:backend', onlyDependOnLibsWithTags: ['layer:util'] },
  { sourceTag: 'layer:data', onlyDependOnLibsWithTags: ['layer:util'] },
  { sourceTag: 'layer:model', onlyDependOnLibsWithTags: ['layer:util', 'layer:backend'] },
  { sourceTag: 'layer:training', onlyDependOnLibsWithTags: ['layer:util', 'layer:backend', 'layer:model', 'layer:data'] },
  { sourceTag: 'layer:evaluation', onlyDependOnLibsWithTags: ['layer:util', 'layer:backend', 'layer:model', 'layer:data'] },
  {
    sourceTag: 'layer:detection',
    onlyDependOnLibsWithTags: ['layer:util', 'layer:backend', 'layer:model', 'layer:data', 'layer:training', 'layer:evaluation'],
  },
  {
    sourceTag: 'layer:report',
    onlyDependOnLibsWithTags: ['layer:util', 'layer:backend', 'layer:model', 'layer:data', 'layer:training', 'layer:evaluation', 'layer:detection'],
  },
  {
    sourceTag: 'layer:app',
    onlyDependOnLibsWithTags: ['layer:util', 'layer:backend', 'layer:model', 'layer:data', 'layer:training', 'layer:evaluation', 'layer:detection', 'layer:report'],
  },
  {
    sourceTag: 'layer:pipelines',
    onlyDependOnLibsWithTags: ['layer:util', 'layer:backend', 'layer:model', 'layer:data', 'layer:training', 'layer:evaluation', 'layer:detection', 'layer:report'],
  },
  { sourceTag: 'layer:tools', onlyDependOnLibsWithTags: ['*'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/.nx', 'data/**', 'runs/**', 'tmp/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, banTransitiveDependencies: false },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Typed-array and tuple indexing is checked by the tests, not by `!`-free style.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
