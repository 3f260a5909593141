// @ts-check
// esbuild options of the authorizer bundle: project.json `esbuildConfig` (read by @nx/esbuild) and
// the bench's in-memory bundle (tools/bench/src/bundle-build.ts).
const { awsJwtVerifySafeJsonParse } = require('./esbuild/safe-json-parse-plugin.cjs');

/** @type {import('esbuild').BuildOptions} */
module.exports = {
  mainFields: ['module', 'main'],
  legalComments: 'none',
  outExtension: { '.js': '.js' },
  plugins: [awsJwtVerifySafeJsonParse()],
};
