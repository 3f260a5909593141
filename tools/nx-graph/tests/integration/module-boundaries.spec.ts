import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from '../../src/affected';

type Probe = [filePath: string, text: string];

// ESLint loads eslint.config.mjs with import(), which jest's CommonJS runtime cannot: every probe is
// linted in one plain node child. The nx rule reads the project graph Nx cached (nx test runs it first).
const LINT_PROBES = `
  import { ESLint } from 'eslint';
  const eslint = new ESLint({ cwd: process.cwd() });
  const answers = [];
  for (const [filePath, text] of JSON.parse(process.argv[1])) {
    const [result] = await eslint.lintText(text, { filePath });
    answers.push(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(answers));`;

const probes: Record<string, Probe> = {
  webPage: ['apps/web/src/probe.ts', "import { parseProfileUpdate } from '@cruddur/profile/profiles';\nexport const probe = parseProfileUpdate;\n"],
  webTest: ['apps/web/tests/unit/probe.spec.ts', "import { parseProfileUpdate } from '@cruddur/profile/profiles';\nexport const probe = parseProfileUpdate;\n"],
  mediaToStorage: ['libs/media/image/src/probe.ts', "import { UPLOADS_PREFIX } from '@cruddur/storage/s3-keys';\nexport const probe = UPLOADS_PREFIX;\n"],
  avatarsToStorage: ['libs/avatars/upload/src/probe.ts', "import { UPLOADS_PREFIX } from '@cruddur/storage/s3-keys';\nexport const probe = UPLOADS_PREFIX;\n"],
  authToProfile: ['libs/auth/jwt/src/probe.ts', "import { parseProfileUpdate } from '@cruddur/profile/profiles';\nexport const probe = parseProfileUpdate;\n"],
};

let errors: Record<string, string[]>;

beforeAll(async () => {
  const names = Object.keys(probes);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', LINT_PROBES, JSON.stringify(names.map((n) => probes[n]))],
    { cwd: WORKSPACE_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const answers = JSON.parse(stdout) as string[][];
  errors = Object.fromEntries(names.map((n, i) => [n, answers[i] ?? ['no answer']]));
}, 120_000);

describe('eslint.config.mjs makes the tags rules (@nx/enforce-module-boundaries)', () => {
  it('the web page may import only platform:browser libs', () => {
    expect(errors.webPage).toEqual([expect.stringContaining('can only depend on libs tagged with "platform:browser"')]);
  });

  it("the web page's tests run in node and may use node libs", () => {
    expect(errors.webTest).toEqual([]);
  });

  it('a building block imports no other block or domain (media → storage)', () => {
    expect(errors.mediaToStorage).toEqual([expect.stringContaining('A project tagged with "scope:media" can only depend on libs tagged with')]);
  });

  it('a domain imports the building blocks it is allowed (avatars → storage)', () => {
    expect(errors.avatarsToStorage).toEqual([]);
  });

  it('the auth domain may not reach into the profile domain', () => {
    expect(errors.authToProfile).toEqual([expect.stringContaining('A project tagged with "scope:auth" can only depend on libs tagged with')]);
  });
});
