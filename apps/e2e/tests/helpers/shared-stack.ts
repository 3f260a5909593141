import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the e2e project drives the local stack through its public API
import type { StackFile } from '../../../local-stack/src/index';
import { type E2eFile, E2E_USERS } from '../setup/e2e-users';

// eslint-disable-next-line @nx/enforce-module-boundaries -- the local stack's test helpers: signing in, presigning, S3 clients
export { EVENT_WAIT_MS, requestUpload, s3ClientFor, s3ErrorOf, signIn, waitFor } from '../../../local-stack/tests/helpers/stack';

/** The shared stack as one e2e file sees it: every endpoint, and only that file's own users. */
export type SharedStack = StackFile;

function environment(name: 'CRUDDUR_E2E_STACK' | 'CRUDDUR_E2E_LOG'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e files through their jest config (nx run e2e:e2e), whose global set-up starts the shared stack`);
  return value;
}

/**
 * The shared stack (started once by tests/setup/global-setup.cjs), with `demoUsers` narrowed to the
 * users of `file`: a file changes only its own users' profiles and avatars.
 *
 * @example
 * const stack = sharedStack('crop');
 * const [carol] = stack.demoUsers;
 */
export function sharedStack(file: E2eFile): SharedStack {
  const described = JSON.parse(readFileSync(environment('CRUDDUR_E2E_STACK'), 'utf8')) as SharedStack;
  const own = new Set(E2E_USERS[file].map((user) => user.username));
  return { ...described, demoUsers: described.demoUsers.filter((user) => own.has(user.username)) };
}

/** The shared stack's log lines so far (every file's requests are in it: look for your own). */
export function stackLines(): string[] {
  return readFileSync(environment('CRUDDUR_E2E_LOG'), 'utf8').split('\n').filter(Boolean);
}

/**
 * Writes `stack` (one file's view) as a stack.json in `dir`, for a tool that reads the stack's
 * description from a file, as tools/smoke does.
 */
export function writeStackView(stack: SharedStack, dir: string): string {
  const file = path.join(dir, 'stack.json');
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`);
  return file;
}
