import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { addAvatarsStacks, newAvatarsApp, type AssetDirs, type AvatarsStacks } from '../../src/app';
import { readConfig, type AvatarsConfig } from '../../src/config';
import { FUNCTION_COMPONENTS, type FunctionComponent } from '../../src/names';

const TEST_ACCOUNT = '123456789012';
export const TEST_ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ops-alarms';

/** Context every test app starts from (a production-like stage); a test overrides what it is about. */
export const TEST_CONTEXT = Object.freeze({
  stage: 'test',
  account: TEST_ACCOUNT,
  region: 'eu-west-1',
  alarmTopicArn: TEST_ALARM_TOPIC,
  webOrigins: 'https://cruddur.example.com,http://localhost:3000',
  cognitoUserPoolId: 'eu-west-1_AbC123xyz',
  cognitoClientId: '4abcdefghijklmnopqrstuvwx1',
});

/** The prod configuration infra/README.md documents ("First deploy"): an alarm e-mail, no alarm topic. */
export const PROD_CONTEXT = Object.freeze({
  stage: 'prod',
  devStage: 'false',
  account: '123456789012',
  region: 'eu-west-1',
  webOrigins: 'https://cruddur.com',
  alarmEmail: 'ops@example.com',
  alarmTopicArn: '',
});

/**
 * Small stand-ins for the Nx build outputs, one temp dir per function with an `index.js`, so the
 * tests never depend on a prior `nx build`.
 *
 * @example
 * const dirs = fakeAssetDirs({ presign: 'exports.handler = async () => 2;' });
 */
export function fakeAssetDirs(sources: Partial<Record<FunctionComponent, string>> = {}): AssetDirs {
  const root = mkdtempSync(path.join(tmpdir(), 'infra-assets-'));
  const dirs = {} as Record<FunctionComponent, string>;
  for (const fn of FUNCTION_COMPONENTS) {
    const dir = path.join(root, fn);
    dirs[fn] = dir;
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.js'), sources[fn] ?? `exports.handler = async () => '${fn}';\n`);
  }
  return dirs;
}

export interface TestAppOptions {
  readonly context?: Record<string, string>;
  /** Stands in for process.env (account, region, CRUDDUR_*). */
  readonly env?: NodeJS.ProcessEnv;
  readonly assetDirs?: AssetDirs;
  /** cfn-guard at synth: off by default here (seconds per synth); tests/integration/policy-checks.spec.ts runs it. */
  readonly cfnGuard?: boolean;
}

export interface TestApp {
  readonly app: App;
  readonly config: AvatarsConfig;
  readonly stacks: AvatarsStacks;
}

/** Builds the whole app the way `main.ts` does, against temp asset dirs and a temp outdir. */
export function buildTestApp(options: TestAppOptions = {}): TestApp {
  const app = newAvatarsApp({
    outdir: mkdtempSync(path.join(tmpdir(), 'infra-cdk-out-')),
    context: { ...TEST_CONTEXT, ...options.context },
  });
  const config = readConfig(app.node, options.env ?? {});
  const stacks = addAvatarsStacks(app, config, options.assetDirs ?? fakeAssetDirs(), { cfnGuard: options.cfnGuard ?? false });
  return { app, config, stacks };
}

const shared = new Map<string, TestApp>();

/**
 * The app of a stock context, built once per jest module registry and shared by the specs of one
 * file group (tests/integration/stacks.spec.ts): a synth costs seconds, a lookup nothing. Read-only:
 * a spec that adds constructs builds its own with `buildTestApp`.
 *
 * @example
 * const template = Template.fromStack(sharedTestApp('test').stacks.api);
 */
export function sharedTestApp(kind: 'test' | 'prod'): TestApp {
  let app = shared.get(kind);
  if (!app) {
    app = buildTestApp(kind === 'prod' ? { context: PROD_CONTEXT } : {});
    shared.set(kind, app);
  }
  return app;
}
