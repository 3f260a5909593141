import { readFileSync } from 'node:fs';
import path from 'node:path';
import { folderAliasRenames } from '../../src/import-paths';

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

describe("the workspace's own aliases", () => {
  it('each name the folder of its lib, so a new lib cannot take a name of its own', () => {
    const tsconfig = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(Object.keys(tsconfig.compilerOptions.paths).length).toBeGreaterThan(10);
    expect(folderAliasRenames('@cruddur', tsconfig.compilerOptions.paths)).toEqual([]);
  });
});
