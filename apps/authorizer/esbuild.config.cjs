// @ts-check
// esbuild options of the authorizer bundle: project.json `esbuildConfig` (read by @nx/esbuild) and
// the in-memory bundles of the bench and the tests (`bundleApp` in @cruddur/testing).
const { awsJwtVerifySafeJsonParse } = require('./esbuild/safe-json-parse-plugin.cjs');

/** @type {import('esbuild').BuildOptions} */
module.exports = {
  mainFields: ['module', 'main'],
  legalComments: 'none',
  outExtension: { '.js': '.js' },
  plugins: [awsJwtVerifySafeJsonParse()],
};
