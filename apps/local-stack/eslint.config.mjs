import root from '../../eslint.config.mjs';

// The root rules as they are: the local stack builds the functions' handlers from their libs, and imports no app.
export default [
  ...root,
  {
    // This file extends the root config, which is workspace tooling, not a project.
    files: ['apps/local-stack/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
