// Shared jest settings: TypeScript through swc, workspace paths from tsconfig.base.json.
const { compilerOptions } = require('./tsconfig.base.json');
const path = require('node:path');


// Tests run on Node 20 while Lambdas run 22: the SDK's notice about that is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.(ts|js|mjs)$': swc,
    // PGlite's CommonJS build loads Node built-ins with import(), which jest's CommonJS runtime cannot run.
    '/@electric-sql/pglite/dist/.+\\.cjs$': swc,
  },
  // Packages that ship ESM only (middy; thumbhash; otplib and its codecs, which cognito-local loads) or load
  // built-ins with import() (PGlite): jest runs CommonJS, so swc transpiles them too.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|thumbhash|@electric-sql/pglite|@scure|@noble|@otplib|otplib)/)'],
  moduleNameMapper,
  testTimeout: 30000,
  // Each project's counts go to tmp/jest-results/<project>.json, which `npm test` sums.
  reporters: ['default', path.join(__dirname, 'tools/test/jest-results-reporter.cjs')],
};
