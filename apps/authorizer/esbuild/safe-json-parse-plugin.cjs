// @ts-check
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const DEFAULT_REPLACEMENT = path.resolve(__dirname, '../../../libs/auth/jwt/src/safe-json-parse.ts');

/**
 * SHA-256 of the aws-jwt-verify modules the replacement was checked against (5.2.1, ESM and CJS
 * builds). Another version fails the build until someone compares the two again (the equivalence
 * test in libs/auth/jwt does it against whatever version is installed) and adds its hash here.
 */
const KNOWN_ORIGINALS = new Set([
  '945ee2c4e8b396ad53a0ac706185f9494c283e7327881227415d9debcd38f616',
  '156fe44184778defc23cd4a7043a5a9cb307f8a30bb9e1bc08728ed7e0832161',
]);

const LIBRARY_FILE = /[\\/]node_modules[\\/]aws-jwt-verify[\\/]/;

/**
 * An esbuild plugin that bundles `libs/auth/jwt/src/safe-json-parse.ts` in place of
 * aws-jwt-verify's own `safe-json-parse.js`: the same prototype-pollution guard on every token's
 * header and payload (and the JWKS), about 2 µs cheaper per request (the module's comment says
 * how; its test compares the two on hostile input). The build fails if aws-jwt-verify is bundled
 * without importing that module, or if the module is not one of the versions checked, so a
 * library upgrade can neither drop the substitution silently nor change what it stands in for.
 *
 * @param {{ replacement?: string }} [options]
 * @returns {import('esbuild').Plugin}
 */
function awsJwtVerifySafeJsonParse({ replacement = DEFAULT_REPLACEMENT } = {}) {
  return {
    name: 'aws-jwt-verify-safe-json-parse',
    setup(build) {
      let substituted = 0;
      let bundledLibrary = false;
      build.onStart(() => {
        substituted = 0;
        bundledLibrary = false;
      });
      build.onResolve({ filter: /^\.\/safe-json-parse\.js$/ }, (args) => {
        if (!LIBRARY_FILE.test(args.importer)) return undefined;
        const original = path.join(args.resolveDir, 'safe-json-parse.js');
        const hash = createHash('sha256').update(readFileSync(original)).digest('hex');
        if (!KNOWN_ORIGINALS.has(hash)) {
          throw new Error(
            `${original} (sha256 ${hash}) is not a version the replacement was checked against: ` +
              'run the safe-json-parse test in libs/auth/jwt, then add the hash in apps/authorizer/esbuild/safe-json-parse-plugin.cjs',
          );
        }
        substituted += 1;
        return { path: replacement };
      });
      build.onLoad({ filter: LIBRARY_FILE }, () => {
        bundledLibrary = true;
        return undefined;
      });
      build.onEnd((result) => {
        if (result.errors.length > 0 || !bundledLibrary || substituted > 0) return;
        // Thrown, not pushed onto result.errors: esbuild only fails the build for a thrown error.
        throw new Error(
          'aws-jwt-verify no longer imports ./safe-json-parse.js: see apps/authorizer/esbuild/safe-json-parse-plugin.cjs',
        );
      });
    },
  };
}

module.exports = { awsJwtVerifySafeJsonParse };
