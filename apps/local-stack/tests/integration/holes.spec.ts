import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { sha256 } from '@cruddur/local/s3-front';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalStack } from '../../src';
import { type TestStack, removeDataDir, s3ClientFor, signIn, startTestStack, tempDataDir } from '../helpers/stack';

/** The TCP ports this process listens on (Linux: /proc/net/tcp* rows in LISTEN whose socket is one of our fds). */
function listeningPortsOfThisProcess(): number[] {
  const ours = new Set(
    readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1]].filter((inode): inode is string => inode !== undefined);
      } catch {
        return [];
      }
    }),
  );
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      const [, local = '', , state, , , , , , inode = ''] = fields;
      if (state === '0A' && ours.has(inode)) ports.add(parseInt(local.split(':')[1] ?? '0', 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** One raw request (node:http sends the path as written), optionally SigV4-signed over exactly that path. */
async function send(base: string, method: string, rawPath: string, body = '', signer?: SignatureV4) {
  const { hostname, port } = new URL(base);
  let headers: Record<string, string> = { host: `${hostname}:${port}` };
  if (signer) {
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: rawPath,
      headers: { ...headers, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
      body,
    });
    headers = signed.headers;
  }
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const sent = httpRequest({ host: hostname, port: Number(port), method, path: rawPath, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('end', () => resolve({ status: reply.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const onLinux = process.platform === 'linux' ? it : it.skip;

describe('the local stack’s holes, closed', () => {
  const dataDir = tempDataDir();
  let running: TestStack;
  let stack: LocalStack;
  let s3: S3Client;
  let signer: SignatureV4;

  beforeAll(async () => {
    running = await startTestStack(dataDir);
    stack = running.stack;
    s3 = s3ClientFor(stack);
    signer = new SignatureV4({ service: 's3', region: stack.region, credentials: { ...stack.s3Credentials }, sha256, uriEscapePath: false, applyChecksum: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await stack?.stop();
    removeDataDir(dataDir);
  });

  const stored = async (bucket: string, key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );

  onLinux('listens on no port but its six, and none of them stores, serves or lists an unsigned request', async () => {
    const ports = listeningPortsOfThisProcess();
    const stackPorts = [stack.webUrl, stack.apiUrl, stack.s3Url, stack.cognito.endpoint, stack.assetsUrl, stack.lambdaUrl].map((url) => Number(new URL(url).port));
    expect(ports).toEqual([...stackPorts].sort((a, b) => a - b));
    const key = `${stack.buckets.uploads}/uploads/avatars/probe/${randomBytes(4).toString('hex')}.jpg`;
    for (const port of ports) {
      const base = `http://127.0.0.1:${port}`;
      const put = await send(base, 'PUT', `/${key}`, 'unsigned bytes');
      expect(put.status).toBeGreaterThanOrEqual(400);
      expect((await send(base, 'GET', `/${key}`)).body).not.toBe('unsigned bytes');
      const list = await send(base, 'GET', `/${stack.buckets.uploads}?list-type=2`);
      expect(list.body).not.toContain('<ListBucketResult');
      if (base === stack.s3Url) expect([put.status, /<Code>([^<]*)</.exec(put.body)?.[1]]).toEqual([403, 'AccessDenied']);
    }
    expect(await stored(stack.buckets.uploads, key.slice(stack.buckets.uploads.length + 1))).toBe(false);
  });

  it('refuses signed PUTs whose key climbs out of the bucket, and writes nothing outside it nor in the assets bucket', async () => {
    const marker = `escape-${randomBytes(4).toString('hex')}`;
    const attempts = [
      `/${stack.buckets.uploads}/../../${marker}`,
      `/${stack.buckets.uploads}/../../../${marker}`,
      `/${stack.buckets.uploads}/%2E%2E/${stack.buckets.assets}/avatars/${marker}/1/512.webp`,
      `/${stack.buckets.uploads}/uploads/avatars/%2e%2e/%2e%2e/%2e%2e/${stack.buckets.assets}/avatars/${marker}/1/512.jpg`,
      `/${stack.buckets.uploads}/uploads//avatars/${marker}.jpg`,
    ];
    for (const rawPath of attempts) {
      const response = await send(stack.s3Url, 'PUT', rawPath, 'evil', signer);
      expect([rawPath, response.status, /<Code>([^<]*)</.exec(response.body)?.[1]]).toEqual([rawPath, 400, 'InvalidArgument']);
    }
    await expect(s3.send(new PutObjectCommand({ Bucket: stack.buckets.uploads, Key: `../${stack.buckets.assets}/avatars/${marker}/1/512.webp`, Body: 'evil' }))).rejects.toMatchObject({
      name: 'InvalidArgument',
    });
    const everywhere = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((entry) => entry.includes(marker));
    expect(everywhere(dataDir)).toEqual([]);
    expect(readdirSync(path.dirname(dataDir)).filter((entry) => entry.includes(marker))).toEqual([]);
    expect(await stored(stack.buckets.assets, `avatars/${marker}/1/512.webp`)).toBe(false);
    expect((await fetch(`${stack.assetsUrl}/avatars/${marker}/1/512.webp`)).status).toBe(404);
  });

  it('answers 400 to a profile update whose JSON is not UTF-8, and keeps the stored bio', async () => {
    const andrew = stack.demoUsers[0]!;
    const { accessToken } = await signIn(stack, andrew.username, andrew.password);
    const update = (body: Buffer | string) =>
      fetch(`${stack.apiUrl}/api/profile/update`, { method: 'PUT', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', Origin: stack.webUrl }, body });
    expect((await update(JSON.stringify({ display_name: 'Andrew', bio: 'before' }))).status).toBe(200);
    const response = await update(Buffer.from([...Buffer.from('{"display_name":"Andrew","bio":"a'), 0xff, 0xfe, ...Buffer.from('b"}')]));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'body is not valid UTF-8' });
    const profile = (await (await fetch(`${stack.apiUrl}/api/profiles/${andrew.username}`)).json()) as { bio: string };
    expect(profile.bio).toBe('before');
  });

  it('signs in with the e-mail address through the InitiateAuth call the page makes', async () => {
    const alice = stack.demoUsers[1]!;
    const { accessToken } = await signIn(stack, alice.email, alice.password);
    expect(JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString())).toMatchObject({ username: alice.username, sub: alice.sub });
    expect((await fetch(`${stack.apiUrl}/api/profile`, { headers: { Authorization: `Bearer ${accessToken}` } })).status).toBe(200);
  });
});
