import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { addAvatarsStacks, newAvatarsApp, type AssetDirs } from './app';
import { readConfig } from './config';
import { InfraError, MissingBuildOutputError } from './errors';
import { FUNCTION_COMPONENTS } from './names';

/** The CDK app entry: `cdk synth --app "npx tsx infra/src/main.ts"` (see the infra:synth target). */
const workspaceRoot = path.resolve(__dirname, '..', '..');

/** `<dist>/<function>/index.js` per function; `dist` is the Nx output dir unless CRUDDUR_LAMBDA_DIST says otherwise. */
function buildOutputDirs(dist: string): AssetDirs {
  const dirs = Object.fromEntries(FUNCTION_COMPONENTS.map((fn) => [fn, path.join(dist, fn)]));
  for (const [fn, dir] of Object.entries(dirs)) {
    if (!existsSync(path.join(dir, 'index.js'))) {
      throw new MissingBuildOutputError(
        `${dir}/index.js is missing: run \`npx nx run infra:synth\`, which builds ${fn} first`,
      );
    }
  }
  return dirs as AssetDirs;
}

try {
  const app = newAvatarsApp();
  const dist = process.env['CRUDDUR_LAMBDA_DIST'] || path.join(workspaceRoot, 'dist', 'apps');
  addAvatarsStacks(app, readConfig(app.node), buildOutputDirs(dist));
  app.synth();
} catch (error) {
  // A configuration mistake is one line for the operator, not a stack trace.
  if (!(error instanceof InfraError)) throw error;
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exitCode = 1;
}
