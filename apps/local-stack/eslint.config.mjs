import root from '../../eslint.config.mjs';

// The local stack runs the other apps' production handler factories: the only imports of apps
// allowed, each named here, all made from src/handlers/production-handlers.ts and src/profile/.
const handlerFactories = [
  '../../../profile/src/profile-handlers',
];

export default [
  ...root.map((config) => {
    const rule = config.rules?.['@nx/enforce-module-boundaries'];
    if (!Array.isArray(rule) || typeof rule[1] !== 'object') return config;
    const [level, options] = rule;
    const allow = [...(options.allow ?? []), ...handlerFactories];
    return { ...config, rules: { ...config.rules, '@nx/enforce-module-boundaries': [level, { ...options, allow }] } };
  }),
  {
    // This file extends the root config, which is workspace tooling, not a project.
    files: ['apps/local-stack/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
