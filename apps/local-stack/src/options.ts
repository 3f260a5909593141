import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import type { DemoUser } from '@cruddur/local/cognito';
import type { S3Credentials } from '@cruddur/local/s3-front';

export type ServiceName = 'web' | 'api' | 's3' | 'cognito' | 'assets' | 'lambda';
export const SERVICE_NAMES: readonly ServiceName[] = Object.freeze(['web', 'api', 's3', 'cognito', 'assets', 'lambda']);

/** The ports `npm start` uses unless told otherwise. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = Object.freeze({
  web: 5173,
  api: 4010,
  s3: 4569,
  cognito: 9229,
  assets: 4570,
  lambda: 4571,
});

export interface LocalStackOptions {
  /** Everything the stack stores (users, objects, database) lives under this folder. */
  dataDir: string;
  /** Delete what the stack made in `dataDir` first (a folder holding other files is refused). */
  reset?: boolean;
  /** 0 = any free port; a missing one is also any free port. */
  ports?: Partial<Record<ServiceName, number>>;
  /** The stack's own log lines (the handlers' JSON logs go to stdout, at `handlerLogLevel`). */
  log?: (line: string) => void;
  /** Level of the handlers' Powertools loggers; default `INFO`. */
  handlerLogLevel?: LogLevel;
  /** Build apps/web when its output is missing or stale; default true. */
  buildWeb?: boolean;
  /** Serve this folder as the web page instead of `dist/apps/web` (no build). */
  webRoot?: string;
  /** Waits before the retries of asynchronous invocations (Lambda's 2 retries), in ms. */
  retryDelaysMs?: readonly number[];
  /** Functions whose events are journaled but not run (tests: a deterministic window before a kill). */
  pausedFunctions?: readonly string[];
  /** The users the pool is seeded with (each gets a profile); default the two demo users. */
  users?: readonly DemoUser[];
  /** Where the handlers reach S3, given the S3 front's URL (tests: a fault proxy in between). */
  handlerS3Endpoint?: (frontUrl: string) => string | Promise<string>;
}

export interface LocalStack {
  webUrl: string;
  apiUrl: string;
  assetsUrl: string;
  s3Url: string;
  /** Lambda's Invoke API over the local functions (tools/redrive replays through it). */
  lambdaUrl: string;
  cognito: { endpoint: string; region: string; userPoolId: string; clientId: string; issuer: string; jwksUri: string };
  /** Seeded users that sign in with USER_PASSWORD_AUTH; `sub` is their Cognito user id. */
  demoUsers: (DemoUser & { sub: string })[];
  region: string;
  /** The credentials S3 requests must be signed with (the handlers' local "IAM role"). */
  s3Credentials: S3Credentials;
  buckets: { uploads: string; assets: string };
  dataDir: string;
  /** Milliseconds from the call to ready. */
  startupMs: number;
  stop(): Promise<void>;
}
