import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from './paths';
import type { FunctionName } from './targets';

interface EsbuildTargetOptions {
  main: string;
  tsConfig: string;
  platform?: BuildOptions['platform'];
  target?: string;
  minify?: boolean;
  external?: string[];
  esbuildOptions?: UserBuildOptions;
  /** A CommonJS file exporting the same kind of options, plugins allowed (instead of `esbuildOptions`). */
  esbuildConfig?: string;
}

type UserBuildOptions = Pick<BuildOptions, 'mainFields' | 'legalComments' | 'alias' | 'plugins'>;

/** A target's own esbuild options: inline `esbuildOptions`, or the file named by `esbuildConfig`. */
function userBuildOptions(options: EsbuildTargetOptions): UserBuildOptions {
  if (!options.esbuildConfig) return options.esbuildOptions ?? {};
  return require(path.join(WORKSPACE_ROOT, options.esbuildConfig)) as UserBuildOptions;
}

/** The options of a function's `@nx/esbuild:esbuild` target (`build`, or `bundle` for the thumbnail). */
export function esbuildTargetOptions(fn: FunctionName): EsbuildTargetOptions {
  const project = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'apps', fn, 'project.json'), 'utf8')) as {
    targets: Record<string, { executor?: string; options?: EsbuildTargetOptions }>;
  };
  const target = Object.values(project.targets).find((t) => t.executor === '@nx/esbuild:esbuild');
  if (!target?.options) throw new Error(`apps/${fn}/project.json has no @nx/esbuild:esbuild target`);
  return target.options;
}

/**
 * Bundles a function in memory with the options its project builds with, and returns the
 * minified JavaScript: what `nx run <fn>:build` writes to `dist/apps/<fn>/index.js`, less the
 * source map comment.
 *
 * @example
 * const js = await bundleFunction('presign');
 */
export async function bundleFunction(fn: FunctionName): Promise<Uint8Array> {
  const options = esbuildTargetOptions(fn);
  const user = userBuildOptions(options);
  const result = await build({
    absWorkingDir: WORKSPACE_ROOT,
    entryPoints: [options.main],
    tsconfig: options.tsConfig,
    outfile: path.join(WORKSPACE_ROOT, 'tmp', 'bench', fn, 'index.js'),
    bundle: true,
    write: false,
    format: 'cjs',
    platform: options.platform ?? 'node',
    target: options.target,
    minify: options.minify ?? false,
    external: options.external ?? [],
    mainFields: user.mainFields,
    legalComments: user.legalComments,
    alias: user.alias,
    plugins: user.plugins,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild wrote no JavaScript for ${fn}`);
  return output.contents;
}
