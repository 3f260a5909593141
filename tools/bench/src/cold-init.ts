import { authorizerEvent, httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { type LocalS3, accessTokenClaims, rsaSigningKey, signJwt } from '@cruddur/testing/fixtures';
import type { BenchInput } from './inputs';
import { bundlePath } from './paths';
import { childEnv, runLambdaRunner, type RunnerReport, type RunnerSpec } from './processes';
import type { Measurement } from './report';
import { median, rotate } from './stats';
import { TARGETS } from './targets';
import { stageUploads, thumbnailEnv } from './thumbnail/bench';

/** A Cognito-shaped issuer whose JWKS the runner serves from memory (issuer mode). */
export function authorizerFixture() {
  const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_BenchPool';
  const clientId = 'bench-client-0123456789';
  const key = rsaSigningKey();
  const token = signJwt({ kid: key.kid }, accessTokenClaims({ issuer, clientId }), { alg: 'RS256', key: key.privateKey });
  return {
    key,
    token,
    jwks: { keys: [key.jwk] },
    env: { JWT_ISSUER: issuer, JWT_JWKS_URI: `${issuer}/.well-known/jwks.json`, COGNITO_CLIENT_ID: clientId },
    event: authorizerEvent({ headers: { authorization: `Bearer ${token}` } }),
  };
}

const PRESIGN_ENV = Object.freeze({
  UPLOADS_BUCKET: 'uploads',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  ALLOWED_ORIGINS: 'http://localhost:5173',
});

interface Subject {
  name: 'floor' | 'authorizer' | 'presign' | 'thumbnail' | 'bare-sharp';
  /** A fresh runner spec and environment for one run; throws if the answer is wrong. */
  prepare(): Promise<{ spec: RunnerSpec; env: NodeJS.ProcessEnv; check(report: RunnerReport): void }>;
}

function expectResult(name: string, ok: (result: unknown) => boolean) {
  return (report: RunnerReport) => {
    if (!ok(report.result)) throw new Error(`${name}'s first call answered ${JSON.stringify(report.result)}`);
  };
}

function subjects(s3: LocalS3, thumbnailInput: BenchInput): Subject[] {
  const auth = authorizerFixture();
  return [
    { name: 'floor', prepare: async () => ({ spec: {}, env: childEnv(), check: () => undefined }) },
    {
      name: 'authorizer',
      prepare: async () => ({
        spec: { bundle: bundlePath('authorizer'), event: auth.event, context: { ...lambdaContext() }, jwks: auth.jwks },
        env: childEnv(auth.env),
        check: expectResult('authorizer', (r) => (r as { isAuthorized?: boolean })?.isAuthorized === true),
      }),
    },
    {
      name: 'presign',
      prepare: async () => ({
        spec: {
          bundle: bundlePath('presign'),
          event: httpApiEvent({
            routeKey: 'POST /avatars/key_upload',
            body: { contentType: 'image/jpeg', contentLength: 2_000_000 },
          }),
          context: { ...lambdaContext() },
        },
        env: childEnv(PRESIGN_ENV),
        check: expectResult('presign', (r) => (r as { statusCode?: number })?.statusCode === 200),
      }),
    },
    {
      name: 'bare-sharp',
      prepare: async () => ({
        spec: { bareSharp: thumbnailInput.file },
        env: childEnv(),
        check: expectResult('bare sharp', (r) => (r as { bytes?: number[] })?.bytes?.length === 4),
      }),
    },
    {
      name: 'thumbnail',
      prepare: async () => {
        const [event] = await stageUploads(s3, thumbnailInput, 1);
        return {
          spec: { bundle: bundlePath('thumbnail'), event, context: { ...lambdaContext() } },
          env: childEnv(thumbnailEnv(s3)),
          check: expectResult('thumbnail', (r) => (r as { processed?: number })?.processed === 1),
        };
      },
    },
  ];
}

/**
 * Cold init: wall time of fresh `node` processes that load a bundle and serve one call, minus the
 * same runner started without a bundle (the floor), paired run by run; the median of `runs`.
 */
export async function benchColdInit(
  s3: LocalS3,
  thumbnailInput: BenchInput,
  runs: number,
): Promise<Measurement[]> {
  const all = subjects(s3, thumbnailInput);
  const wall = Object.fromEntries(all.map((s) => [s.name, [] as number[]])) as Record<Subject['name'], number[]>;
  const split = Object.fromEntries(all.map((s) => [s.name, { load: [] as number[], call: [] as number[] }])) as Record<
    Subject['name'],
    { load: number[]; call: number[] }
  >;
  // One unmeasured pass fills the page cache with node, the bundles and sharp.
  for (let run = -1; run < runs; run += 1) {
    for (const subject of rotate(all, run)) {
      const { spec, env, check } = await subject.prepare();
      const report = await runLambdaRunner(spec, env);
      check(report);
      if (run < 0) continue;
      wall[subject.name].push(report.wallMs);
      split[subject.name].load.push(report.loadMs);
      split[subject.name].call.push(report.callMs);
    }
  }
  const aboveFloor = (name: Subject['name']) => median(wall[name].map((ms, i) => ms - (wall.floor[i] as number)));
  const how = (name: Subject['name']) =>
    `load ${median(split[name].load).toFixed(1)} ms + first call ${median(split[name].call).toFixed(1)} ms (medians of ${runs})`;
  return [
    {
      section: 'cold init',
      measure: 'floor: fresh node running the runner, no bundle',
      value: median(wall.floor),
      unit: 'ms',
    },
    {
      section: 'cold init',
      measure: 'authorizer above floor (JWKS preloaded)',
      value: aboveFloor('authorizer'),
      unit: 'ms',
      target: { op: '<=', value: TARGETS.coldInitAboveFloorMs.authorizer },
      goal: 'authorizer',
      note: how('authorizer'),
    },
    {
      section: 'cold init',
      measure: 'presign above floor',
      value: aboveFloor('presign'),
      unit: 'ms',
      target: { op: '<=', value: TARGETS.coldInitAboveFloorMs.presign },
      goal: 'budgets',
      note: how('presign'),
    },
    {
      section: 'cold init',
      measure: `thumbnail above floor (one ${thumbnailInput.label}, s3rver)`,
      value: aboveFloor('thumbnail'),
      unit: 'ms',
      note: how('thumbnail'),
    },
    {
      section: 'cold init',
      measure: `bare sharp above floor (require('sharp'), the same ${thumbnailInput.label} rendered in memory)`,
      value: aboveFloor('bare-sharp'),
      unit: 'ms',
      note: how('bare-sharp'),
    },
    {
      section: 'cold init',
      measure: `thumbnail / bare sharp, fresh process to exit`,
      value: median(wall.thumbnail.map((ms, i) => ms / (wall['bare-sharp'][i] as number))),
      unit: 'x',
      target: { op: '<=', value: TARGETS.thumbnailColdOverBareSharp },
      goal: 'thumbnail-cold-start',
    },
  ];
}
