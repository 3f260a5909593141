import type { BuildOptions, Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** The options of an app's `@nx/esbuild:esbuild` target that decide what its bundle contains. */
export interface AppBundleTarget {
  main: string;
  tsConfig: string;
  platform?: BuildOptions['platform'];
  target?: string;
  minify?: boolean;
  external?: string[];
  esbuildOptions?: AppUserBuildOptions;
}

/** The esbuild options an app sets itself (its target's `esbuildOptions`). */
export type AppUserBuildOptions = Pick<BuildOptions, 'mainFields' | 'legalComments' | 'alias'>;

/**
 * The `@nx/esbuild:esbuild` target options of `apps/<app>/project.json` (`build`, or `bundle` for
 * the thumbnail).
 *
 * @example
 * appBundleTarget('thumbnail').external; // ['sharp']
 */
export function appBundleTarget(app: string): AppBundleTarget {
  const project = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'apps', app, 'project.json'), 'utf8')) as {
    targets: Record<string, { executor?: string; options?: AppBundleTarget }>;
  };
  const target = Object.values(project.targets).find((t) => t.executor === '@nx/esbuild:esbuild');
  if (!target?.options) throw new Error(`apps/${app}/project.json has no @nx/esbuild:esbuild target`);
  return target.options;
}

/**
 * An app's own esbuild options: its target's inline `esbuildOptions`.
 *
 * @example
 * const { mainFields } = appUserBuildOptions('authorizer');
 */
export function appUserBuildOptions(app: string): AppUserBuildOptions {
  return appBundleTarget(app).esbuildOptions ?? {};
}

/**
 * Bundles an app's Lambda in memory with the options its project builds with: the minified
 * JavaScript `nx run <app>:build` writes to `dist/apps/<app>/index.js` (less the source map
 * comment), and esbuild's metafile (which inputs went in).
 *
 * @example
 * const { js, metafile } = await bundleApp('presign');
 */
export async function bundleApp(app: string): Promise<{ js: Uint8Array; metafile: Metafile }> {
  const target = appBundleTarget(app);
  const user = target.esbuildOptions ?? {};
  // Loaded here, not at the top: most suites import this library and never bundle anything.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: WORKSPACE_ROOT,
    entryPoints: [target.main],
    tsconfig: target.tsConfig,
    outfile: path.join(WORKSPACE_ROOT, 'tmp', 'bundles', app, 'index.js'),
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: target.platform ?? 'node',
    target: target.target,
    minify: target.minify ?? false,
    external: target.external ?? [],
    mainFields: user.mainFields,
    legalComments: user.legalComments,
    alias: user.alias,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild wrote no JavaScript for ${app}`);
  return { js: output.contents, metafile: result.metafile };
}
