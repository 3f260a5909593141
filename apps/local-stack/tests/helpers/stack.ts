import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../src';

export interface TestStack {
  stack: LocalStack;
  /** The stack's log lines so far. */
  lines: string[];
  dataDir: string;
}

/** What a test needs of a stack to talk to it: a running one, or the e2e project's shared one (its stack.json). */
export type StackView = Omit<LocalStack, 'stop' | 'startupMs'>;

const ANY_PORTS = Object.freeze({ web: 0, api: 0, s3: 0, cognito: 0, assets: 0 });

/** A fresh data folder in the system's temp dir; remove it with `removeDataDir`. */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'local-stack-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A stack on free ports, handlers silent, retries quick, the web page not built. */
export async function startTestStack(dataDir: string, options: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const lines: string[] = [];
  const stack = await startLocalStack({
    dataDir,
    ports: ANY_PORTS,
    handlerLogLevel: 'SILENT',
    buildWeb: false,
    retryDelaysMs: [50, 100],
    log: (line) => lines.push(line),
    ...options,
  });
  return { stack, lines, dataDir };
}

/** The stack's signed S3 client, as a test's own window into the buckets. */
export function s3ClientFor(stack: StackView): S3Client {
  return new S3Client({ region: stack.region, endpoint: stack.s3Url, forcePathStyle: true, credentials: { ...stack.s3Credentials } });
}

/** Signs in with USER_PASSWORD_AUTH the way the browser does: `fetch` and Cognito's JSON protocol. */
export async function signIn(stack: StackView, username: string, password: string): Promise<{ accessToken: string; idToken: string }> {
  const response = await fetch(stack.cognito.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.cognito.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { AccessToken: string; IdToken: string }; ChallengeName?: string };
  if (!response.ok || !body.AuthenticationResult) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  return { accessToken: body.AuthenticationResult.AccessToken, idToken: body.AuthenticationResult.IdToken };
}

export interface UploadTicket {
  url: string;
  method: 'PUT';
  headers: { 'Content-Type': string; 'Content-Length': string; 'x-amz-meta-crop'?: string };
  key: string;
  uploadId: string;
  expiresAt: string;
}

/** `POST /avatars/key_upload` with a Bearer token, from the web origin; `extra` adds body fields such as `crop`. */
export async function requestUpload(
  stack: StackView,
  accessToken: string,
  contentType: string,
  contentLength: number,
  extra: Record<string, unknown> = {},
): Promise<UploadTicket> {
  const response = await fetch(`${stack.apiUrl}/avatars/key_upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', Origin: stack.webUrl },
    body: JSON.stringify({ contentType, contentLength, ...extra }),
  });
  if (response.status !== 200) throw new Error(`presign failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as UploadTicket;
}

/** The S3 error code and message of an XML error body. */
export function s3ErrorOf(xml: string): { code: string | undefined; message: string | undefined } {
  return { code: /<Code>([^<]*)<\/Code>/.exec(xml)?.[1], message: /<Message>([^<]*)<\/Message>/.exec(xml)?.[1] };
}

/**
 * How long a test waits for an event of the stack (an avatar shown, a journal emptied) before it calls
 * it a hang. A bound, not a guess of how long the event takes: a machine busy with other work stretches
 * seconds into tens, and only a stack that never gets there should fail.
 */
export const EVENT_WAIT_MS = 120_000;

/** Polls `probe` until it returns a value (the event), or fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = EVENT_WAIT_MS, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
