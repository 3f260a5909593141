import { DEMO_USERS, type DemoUser } from '@cruddur/local/cognito';

/**
 * The users of each e2e file on the shared stack: a file changes only its own users' avatars and
 * profiles, so the files neither see nor undo each other's work. The browser test signs in as the
 * demo users, as a person trying `npm start` does (its screenshots are the README's).
 */
export const E2E_USERS = Object.freeze({
  browser: DEMO_USERS,
  flow: [user('frank', 'Frank Flow'), user('fiona', 'Fiona Flow')],
  crop: [user('carol', 'Carol Crop')],
  s3Front: [user('sam', 'Sam Front')],
  smoke: [user('sid', 'Sid Smoke'), user('sue', 'Sue Smoke')],
} satisfies Record<string, readonly DemoUser[]>);

export type E2eFile = keyof typeof E2E_USERS;

function user(username: string, name: string): DemoUser {
  return { username, password: `${name.split(' ')[0]}-e2e-1!`, email: `${username}@cruddur.local`, name };
}

/** Every user the shared stack is seeded with. */
export const ALL_E2E_USERS: readonly DemoUser[] = Object.values(E2E_USERS).flat();
