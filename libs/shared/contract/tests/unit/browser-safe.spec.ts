import path from 'node:path';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '../../../../..');

describe('the contract lib in a browser', () => {
  it('bundles for the browser with no Node built-in, AWS SDK, middy or powertools import', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'libs/shared/contract/src/index.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules/zod/'))).toBe(true);
    const forbidden = inputs.filter((input) => /node_modules\/(@aws-sdk|@smithy|@middy|@aws-lambda-powertools|sharp|pg)\//.test(input));
    expect(forbidden).toEqual([]);
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(imports.filter((name) => builtins.has(name))).toEqual([]);
    // Every import got bundled: nothing left for a browser to resolve.
    expect(imports.filter((i) => !i.startsWith('.'))).toEqual([]);
  });
});
