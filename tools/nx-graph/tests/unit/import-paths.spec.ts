import { readFileSync } from 'node:fs';
import path from 'node:path';
import { folderAliasRenames, rewriteImports } from '../../src/import-paths';

const paths = {
  '@cruddur/jwt': ['libs/auth/jwt/src/index.ts'],
  '@cruddur/avatar-upload': ['libs/avatars/upload/src/index.ts'],
  '@cruddur/shared/contract': ['libs/shared/contract/src/index.ts'],
  '@other/x': ['libs/x/y/src/index.ts'],
};

describe('folderAliasRenames', () => {
  it("maps each alias to its folder's path and leaves the right ones and other scopes alone", () => {
    expect(folderAliasRenames('@cruddur', paths)).toEqual([
      { from: '@cruddur/avatar-upload', to: '@cruddur/avatars/upload', folder: 'libs/avatars/upload' },
      { from: '@cruddur/jwt', to: '@cruddur/auth/jwt', folder: 'libs/auth/jwt' },
    ]);
  });
});

describe('rewriteImports', () => {
  const renames = folderAliasRenames('@cruddur', { ...paths, '@cruddur/avatar': ['libs/avatars/avatar/src/index.ts'] });

  it('rewrites quoted specifiers in code, JSON and Markdown', () => {
    const text = [
      "import { a } from '@cruddur/jwt';",
      'const b = require("@cruddur/avatar-upload");',
      '| `libs/auth/jwt` (`@cruddur/jwt`) |',
    ].join('\n');
    expect(rewriteImports(text, renames)).toBe(
      [
        "import { a } from '@cruddur/auth/jwt';",
        'const b = require("@cruddur/avatars/upload");',
        '| `libs/auth/jwt` (`@cruddur/auth/jwt`) |',
      ].join('\n'),
    );
  });

  it('never rewrites an alias that only starts like a renamed one, nor unquoted prose', () => {
    expect(rewriteImports("'@cruddur/avatar-upload' '@cruddur/avatar'", renames)).toBe("'@cruddur/avatars/upload' '@cruddur/avatars/avatar'");
    expect(rewriteImports('see @cruddur/jwt for details', renames)).toBe('see @cruddur/jwt for details');
  });
});

describe("the workspace's own aliases", () => {
  it('each name the folder of its lib, so a new lib cannot take a name of its own', () => {
    const tsconfig = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(Object.keys(tsconfig.compilerOptions.paths).length).toBeGreaterThan(10);
    expect(folderAliasRenames('@cruddur', tsconfig.compilerOptions.paths)).toEqual([]);
  });
});
