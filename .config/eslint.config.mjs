// Lint rules that carry the house style: determinism is a folder plus this rule; type-only imports of activities;
// no floating promises. Run with `npm run lint` (part of `npm test`).
import tseslint from 'typescript-eslint';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.cache/**', 'data/**', 'apps/launcher/*.cjs', '.config/**', 'apps/web/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './test/tsconfig.json'], tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'no-console': 'off',
    },
  },
  {
    // Workflow code is replayed: no I/O, no Node builtins, no framework, no activity or config values.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'], message: 'workflows are deterministic: no Node I/O' },
            { group: ['@nestjs/*', '@mikro-orm/*', 'zod', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'workflows import only @temporalio/workflow' },
            { group: ['**/activities/**', '**/config/**', '**/apps/**'], allowTypeImports: true, message: 'import activities and configuration as types only' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'use sleep() or condition() from @temporalio/workflow' }, { name: 'setInterval', message: 'use a workflow timer' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'workflow randomness is seeded: use the workflow random' }],
    },
  },
);
