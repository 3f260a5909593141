import { cognitoCall } from './cognito-api';
import { CognitoApiError } from './errors';

export interface DemoUser {
  username: string;
  password: string;
  email: string;
  /** Shown on the profile page until the user edits it. */
  name: string;
}

export interface SeededUserPool {
  userPoolId: string;
  clientId: string;
  demoUsers: (DemoUser & { sub: string })[];
}

const USER_POOL_NAME = 'cruddur-local';
const WEB_CLIENT_NAME = 'cruddur-web';

/** Well known on purpose: they are printed at start and only exist on this machine. */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  { username: 'andrew', password: 'Andrew-local-1!', email: 'andrew@cruddur.local', name: 'Andrew Brown' },
  { username: 'alice', password: 'Alice-local-1!', email: 'alice@cruddur.local', name: 'Alice Example' },
]);

interface UserPoolSummary {
  Id: string;
  Name: string;
}
interface ClientSummary {
  ClientId: string;
  ClientName: string;
}

async function findOrCreatePool(endpoint: string): Promise<string> {
  const { UserPools = [] } = await cognitoCall<{ UserPools?: UserPoolSummary[] }>(endpoint, 'ListUserPools', { MaxResults: 60 });
  const existing = UserPools.find((pool) => pool.Name === USER_POOL_NAME);
  if (existing) return existing.Id;
  const { UserPool } = await cognitoCall<{ UserPool: UserPoolSummary }>(endpoint, 'CreateUserPool', {
    PoolName: USER_POOL_NAME,
    AutoVerifiedAttributes: ['email'],
    // As the deployed pool (signInAliases: username and email); the local Cognito front honours it.
    AliasAttributes: ['email'],
  });
  return UserPool.Id;
}

async function findOrCreateClient(endpoint: string, userPoolId: string): Promise<string> {
  const { UserPoolClients = [] } = await cognitoCall<{ UserPoolClients?: ClientSummary[] }>(endpoint, 'ListUserPoolClients', {
    UserPoolId: userPoolId,
    MaxResults: 60,
  });
  const existing = UserPoolClients.find((client) => client.ClientName === WEB_CLIENT_NAME);
  if (existing) return existing.ClientId;
  // A public client, as for a browser: no secret, the password flow allowed, one-hour access tokens like Cognito's default.
  const { UserPoolClient } = await cognitoCall<{ UserPoolClient: ClientSummary }>(endpoint, 'CreateUserPoolClient', {
    UserPoolId: userPoolId,
    ClientName: WEB_CLIENT_NAME,
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  });
  return UserPoolClient.ClientId;
}

async function ensureUser(endpoint: string, userPoolId: string, user: DemoUser): Promise<string> {
  try {
    await cognitoCall(endpoint, 'AdminGetUser', { UserPoolId: userPoolId, Username: user.username });
  } catch (error) {
    if (!(error instanceof CognitoApiError) || error.type !== 'UserNotFoundException') throw error;
    await cognitoCall(endpoint, 'AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: user.username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: user.name },
        { Name: 'preferred_username', Value: user.username },
      ],
    });
  }
  // Permanent, so USER_PASSWORD_AUTH signs in without a NEW_PASSWORD_REQUIRED challenge; set on every start so the printed password always works.
  await cognitoCall(endpoint, 'AdminSetUserPassword', {
    UserPoolId: userPoolId,
    Username: user.username,
    Password: user.password,
    Permanent: true,
  });
  const { UserAttributes = [] } = await cognitoCall<{ UserAttributes?: { Name: string; Value: string }[] }>(endpoint, 'AdminGetUser', {
    UserPoolId: userPoolId,
    Username: user.username,
  });
  const sub = UserAttributes.find((attribute) => attribute.Name === 'sub')?.Value;
  if (!sub) throw new Error(`cognito-local returned no sub for ${user.username}`);
  return sub;
}

/**
 * The local user pool, its web client and the demo users, created through the Cognito API the
 * first time and found again on every later start.
 *
 * @example
 * const { userPoolId, clientId } = await seedUserPool(cognito.endpoint);
 */
export async function seedUserPool(endpoint: string, users: readonly DemoUser[] = DEMO_USERS): Promise<SeededUserPool> {
  const userPoolId = await findOrCreatePool(endpoint);
  const clientId = await findOrCreateClient(endpoint, userPoolId);
  const demoUsers: SeededUserPool['demoUsers'] = [];
  for (const user of users) demoUsers.push({ ...user, sub: await ensureUser(endpoint, userPoolId, user) });
  return { userPoolId, clientId, demoUsers };
}
