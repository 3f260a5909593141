/** A workspace alias and the one it becomes. */
export interface Rename {
  from: string;
  to: string;
  /** The lib's folder, e.g. `libs/auth/jwt`. */
  folder: string;
}

/**
 * The import path each lib should have so that it names its folder (nx-examples' `@org/<scope>/<lib>`
 * for `libs/<scope>/<lib>`), from tsconfig.base.json's `paths`; aliases already right are left out.
 *
 * @example
 * folderAliasRenames('@cruddur', { '@cruddur/jwt': ['libs/auth/jwt/src/index.ts'] });
 * // [{ from: '@cruddur/jwt', to: '@cruddur/auth/jwt', folder: 'libs/auth/jwt' }]
 */
export function folderAliasRenames(scope: string, paths: Record<string, string[]>): Rename[] {
  const renames: Rename[] = [];
  for (const [alias, [entry]] of Object.entries(paths)) {
    const match = entry?.match(/^libs\/(.+)\/src\/index\.ts$/);
    if (!alias.startsWith(`${scope}/`) || !match?.[1]) continue;
    const to = `${scope}/${match[1]}`;
    if (to !== alias) renames.push({ from: alias, to, folder: `libs/${match[1]}` });
  }
  return renames.sort((a, b) => a.from.localeCompare(b.from));
}
