import { createAccessTokenVerifier, type AccessTokenVerifier } from '@cruddur/auth/jwt';
import { lambdaContext } from '@cruddur/shared/lambda-events';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { authorizerFixture } from './cold-init';
import { bundlePath } from './paths';
import { Worker, childEnv, serveWorker } from './processes';
import type { Measurement } from './report';
import { median, pairedRatio, perSecond, rotate } from './stats';
import { TARGETS } from './targets';

type AuthorizerHandler = (event: unknown, context: unknown) => Promise<{ isAuthorized: boolean }>;
/** `handler`: the bundle; `verifier`: @cruddur/auth/jwt's verify alone; `raw`: crypto.verify. */
type Contender = 'handler' | 'verifier' | 'raw';
const CONTENDERS: readonly Contender[] = ['handler', 'verifier', 'raw'];

interface Setup {
  bundle: string;
  env: { JWT_ISSUER: string; JWT_JWKS_URI: string; COGNITO_CLIENT_ID: string };
  jwks: { keys: Record<string, string>[] };
  token: string;
  event: unknown;
}

/**
 * The worker: the authorizer bundle with its JWKS served from memory once (then cached by the
 * verifier), and the same token checked with nothing but `crypto.verify`.
 */
export function serveAuthorizerWorker(): void {
  let handler: AuthorizerHandler | undefined;
  let event: unknown;
  let raw: { token: string; key: KeyObject } | undefined;
  let verifier: AccessTokenVerifier | undefined;
  const context = lambdaContext({ functionName: 'authorizer' });

  const loops: Record<Contender, () => Promise<boolean> | boolean> = {
    handler: async () => (await (handler as AuthorizerHandler)(event, context)).isAuthorized,
    verifier: async () => (await (verifier as AccessTokenVerifier).verify(raw?.token ?? '')).sub !== '',
    // The least any verifier does per token: split off the signature, decode it, check it.
    raw: () => {
      if (!raw) throw new Error('setup first');
      const dot = raw.token.lastIndexOf('.');
      const signature = Buffer.from(raw.token.slice(dot + 1), 'base64url');
      return verify('sha256', Buffer.from(raw.token.slice(0, dot)), raw.key, signature);
    },
  };

  serveWorker({
    setup: async (setup: Setup) => {
      const body = new TextEncoder().encode(JSON.stringify(setup.jwks));
      Object.defineProperty(globalThis, 'fetch', {
        configurable: true,
        writable: true,
        value: async () => ({ status: 200, body: null, arrayBuffer: async () => body.buffer }),
      });
      handler = (require(setup.bundle) as { handler: AuthorizerHandler }).handler;
      event = setup.event;
      raw = { token: setup.token, key: createPublicKey({ key: setup.jwks.keys[0] as never, format: 'jwk' }) };
      verifier = createAccessTokenVerifier(
        { kind: 'issuer', issuer: setup.env.JWT_ISSUER, jwksUri: setup.env.JWT_JWKS_URI, clientId: setup.env.COGNITO_CLIENT_ID },
        { jwks: setup.jwks as never },
      );
      for (const contender of CONTENDERS) {
        if (!(await loops[contender]())) throw new Error(`${contender} rejected the token`);
      }
      return true;
    },
    /** Verifies for about `ms` milliseconds; returns how many and how long exactly. */
    run: async ({ contender, ms }: { contender: Contender; ms: number }) => {
      const loop = loops[contender];
      let count = 0;
      const started = performance.now();
      let now = started;
      while (now - started < ms) {
        // The raw loop stays synchronous: an await per call would slow the floor it is compared with.
        const ok = contender === 'raw' ? loop() : await loop();
        if (!ok) throw new Error(`${contender} rejected the token`);
        count += 1;
        now = performance.now();
      }
      return { count, elapsedMs: now - started };
    },
  });
}

/** Authorizer verifications per second (warm JWKS) against @cruddur/auth/jwt verify alone and raw `crypto.verify`, interleaved. */
export async function benchAuthorizer(rounds: number, roundMs: number): Promise<Measurement[]> {
  const fixture = authorizerFixture();
  const worker = Worker.start('authorizer', [], childEnv({ ...fixture.env, POWERTOOLS_SERVICE_NAME: 'authorizer' }));
  try {
    await worker.call('setup', {
      bundle: bundlePath('authorizer'),
      env: fixture.env,
      jwks: fixture.jwks,
      token: fixture.token,
      event: fixture.event,
    } satisfies Setup);
    const rates: Record<Contender, number[]> = { handler: [], verifier: [], raw: [] };
    await worker.call('run', { contender: 'handler', ms: roundMs });
    for (let round = 0; round < rounds; round += 1) {
      for (const contender of rotate(CONTENDERS, round)) {
        const { count, elapsedMs } = await worker.call<{ count: number; elapsedMs: number }>('run', { contender, ms: roundMs });
        rates[contender].push(perSecond(count, elapsedMs));
      }
    }
    return [
      { section: 'authorizer', measure: 'handler, warm JWKS (bundle)', value: median(rates.handler), unit: 'verify/s' },
      {
        section: 'authorizer',
        measure: '@cruddur/auth/jwt verify alone, from source (aws-jwt-verify inside, its own JSON parse)',
        value: median(rates.verifier),
        unit: 'verify/s',
      },
      { section: 'authorizer', measure: 'raw crypto.verify of the same token (key reused)', value: median(rates.raw), unit: 'verify/s' },
      {
        section: 'authorizer',
        measure: 'verifier alone / raw crypto.verify',
        value: pairedRatio(rates.verifier, rates.raw),
        unit: 'x',
      },
      { section: 'authorizer', measure: 'handler / raw crypto.verify', value: pairedRatio(rates.handler, rates.raw), unit: 'x' },
      {
        section: 'authorizer',
        measure: 'handler / @cruddur/auth/jwt verify alone',
        value: pairedRatio(rates.handler, rates.verifier),
        unit: 'x',
        target: { op: '>=', value: TARGETS.authorizerOverVerifier },
        goal: 'authorizer',
      },
    ];
  } finally {
    await worker.close();
  }
}
