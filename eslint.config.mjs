import nx from '@nx/eslint-plugin';

const cdkOnly = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'];

// Which scopes a project may import (in source or tests). A scope may always use its own libs and
// the shared ones; the layers go app → domain (auth, avatars, profile) → building blocks (http,
// media, storage) → shared, never back up.
// Shared libs are constrained below by their type (a test helper may use any domain, a shared lib none).
const scopes = {
  'scope:storage': [],
  'scope:media': [],
  'scope:http': [],
  'scope:auth': ['scope:http'],
  'scope:avatars': ['scope:http', 'scope:media', 'scope:storage'],
  'scope:profile': ['scope:avatars', 'scope:http', 'scope:storage'],
  'scope:web': ['scope:profile', 'scope:media'],
  'scope:infra': ['scope:auth', 'scope:avatars', 'scope:profile', 'scope:http', 'scope:media', 'scope:storage'],
  'scope:local': ['scope:auth', 'scope:avatars', 'scope:profile', 'scope:http', 'scope:media', 'scope:storage'],
  'scope:tools': ['scope:auth', 'scope:avatars', 'scope:profile', 'scope:http', 'scope:media', 'scope:storage', 'scope:local'],
};

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'], bannedExternalImports: cdkOnly },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'], bannedExternalImports: cdkOnly },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'], bannedExternalImports: cdkOnly },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
  ...Object.entries(scopes).map(([scope, uses]) => ({
    sourceTag: scope,
    // Test helpers (type:testing) build fixtures for every domain, so any scope's tests may use them.
    onlyDependOnLibsWithTags: [scope, 'scope:shared', ...uses],
  })),
  // A shared lib proper (not a test helper) is a leaf: it imports shared libs only.
  { allSourceTags: ['type:lib', 'scope:shared'], onlyDependOnLibsWithTags: ['scope:shared'] },
  // Browser-safe libs stay browser-safe: no node-only lib behind them.
  { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['platform:browser'] },
];

const webPage = { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['platform:browser'] };

/** The options of @nx/enforce-module-boundaries for a list of constraints. */
const boundaries = (constraints) => ({ enforceBuildableLibDependency: false, allow: [], depConstraints: constraints });

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/cdk.out', '**/tmp', '**/.nx', '**/.local'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(depConstraints)] },
  },
  {
    // The web page runs in a browser: its source may import only browser-safe libs (its tests run in node).
    files: ['apps/web/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries([...depConstraints, webPage])] },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Tests index into results they just asserted on; `!` there is a fair statement, not a guess.
    files: ['**/tests/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // jest and Stryker configs extend their root presets, which are workspace tooling, not projects
    files: ['**/jest.config.cjs', '**/stryker.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
