#!/usr/bin/env node
// Re-points imports of the old grab-bag `@cruddur/testing` at the small libs that replaced it
// (issue 11), so that branches written against the old lib merge without hand edits.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Where each export of the old lib lives now. */
const HOMES = {
  '@cruddur/lambda-events': [
    'AuthorizerContext', 'HttpApiRequest', 'httpApiEvent', 'authorizerEvent', 'lambdaContext',
    'S3ObjectCreated', 's3EventKey', 's3EventRecord', 's3Event', 'snsEventRecord', 'snsEvent',
  ],
  '@cruddur/testing-images': [
    'MARKER_RGB', 'ANIMATION_FRAME_RGB', 'OPAQUE_CENTRE_RGB', 'PhotoJpegOptions', 'photoJpeg', 'cmykJpeg', 'png16',
    'pngWithAlpha', 'animatedGif', 'animatedWebp', 'webpImage', 'avifImage', 'truncatedJpeg', 'pixelBombPng',
    'stripPng', 'textFileNamedJpg', 'htmlDocument', 'svgImage',
  ],
  '@cruddur/testing-tokens': [
    'TEST_USER_POOL_ID', 'TEST_CLIENT_ID', 'Claims', 'JwtHeaderFields', 'TestJwk', 'TestJwks', 'RsaSigningKey',
    'SignOptions', 'rsaSigningKey', 'signJwt', 'accessTokenClaims', 'idTokenClaims', 'JwksServer', 'startJwksServer',
    'FORGED_TOKEN_KINDS', 'ForgedTokenKind', 'forgeToken',
  ],
  '@cruddur/testing-s3rver': ['LocalS3', 'LOCAL_S3_CREDENTIALS', 'startLocalS3'],
  '@cruddur/testing-avatar-messages': ['uploadId', 'avatarProcessedMessage'],
  '@cruddur/testing-bundle': ['AppBundleTarget', 'AppUserBuildOptions', 'appBundleTarget', 'appUserBuildOptions', 'bundleApp'],
};
const HOME_OF = new Map(Object.entries(HOMES).flatMap(([lib, names]) => names.map((name) => [name, lib])));
const IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@cruddur\/testing';?/g;

function usage() {
  return `Usage: node tools/rewrite-testing-imports/main.mjs [--dry-run] [<dir>...]

Rewrites \`import { … } from '@cruddur/testing'\` in the .ts files under each <dir> (default: apps
libs tools infra) into imports from the libs that replaced it: @cruddur/lambda-events,
@cruddur/testing-{images,tokens,s3rver,avatar-messages,bundle}. Prints each file it changes.

Options:
  --dry-run   print what would change, write nothing
  -h, --help  show this help`;
}

/** The import statements that replace one old statement. */
export function rewriteImport(typeOnly, specifiers) {
  const byLib = new Map();
  for (const raw of specifiers.split(',').map((s) => s.trim()).filter(Boolean)) {
    const name = raw.replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
    const lib = HOME_OF.get(name);
    if (!lib) throw new Error(`no new home for ${name}`);
    byLib.set(lib, [...(byLib.get(lib) ?? []), raw]);
  }
  return [...byLib]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lib, names]) => `import ${typeOnly ? 'type ' : ''}{ ${names.join(', ')} } from '${lib}';`)
    .join('\n');
}

function* tsFiles(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) yield* tsFiles(file);
    else if (file.endsWith('.ts')) yield file;
  }
}

function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(usage());
  const dirs = positionals.length > 0 ? positionals : ['apps', 'libs', 'tools', 'infra'];
  let changed = 0;
  for (const dir of dirs) {
    for (const file of tsFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      const next = text.replace(IMPORT, (_, type, specifiers) => rewriteImport(Boolean(type), specifiers));
      if (next === text) continue;
      changed += 1;
      console.log(`${values['dry-run'] ? 'would rewrite' : 'rewrote'} ${file}`);
      if (!values['dry-run']) writeFileSync(file, next);
    }
  }
  console.log(`${changed} file(s)`);
}

main();
