import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectsCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { type LocalS3rver, SigV4Verifier, createS3Front, sha256, startS3rver } from '../../src';

const REGION = 'us-east-1';
const UPLOADS = 'uploads';
const ASSETS = 'assets';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Every file and folder under `dir`, relative, sorted: what a refused request must not change. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('the S3 front keeps every key inside its bucket', () => {
  // root/outside.txt is the file a traversal would read or overwrite; root/data/s3 is s3rver's folder.
  const root = mkdtempSync(path.join(tmpdir(), 's3-front-keys-'));
  const directory = path.join(root, 'data', 's3');
  let store: LocalS3rver;
  let server: Server;
  let front: ReturnType<typeof createS3Front>;
  let port: number;
  let client: S3Client;
  const signer = new SignatureV4({ service: 's3', region: REGION, credentials: CREDENTIALS, sha256, uriEscapePath: false, applyChecksum: true });

  beforeAll(async () => {
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(root, 'outside.txt'), 'secret outside the data folder');
    store = await startS3rver(directory, [UPLOADS, ASSETS]);
    front = createS3Front({
      upstream: { socketPath: store.socketPath },
      verifier: new SigV4Verifier({ region: REGION, credentials: [CREDENTIALS] }),
      region: REGION,
      cors: {},
      notifications: [],
      log: () => undefined,
    });
    server = createServer(front.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    client = new S3Client({ region: REGION, endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED' });
  });
  afterAll(async () => {
    client.destroy();
    front.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  /**
   * A request signed with the local credentials over exactly this raw path, sent with node:http,
   * which (unlike fetch) sends the path as written: no dot segment is resolved on the way.
   */
  async function signedRaw(method: string, rawPath: string, body = '', headers: Record<string, string> = {}) {
    const q = rawPath.indexOf('?');
    const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : rawPath.slice(q + 1)));
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path: q < 0 ? rawPath : rawPath.slice(0, q),
      query,
      headers: { host: `127.0.0.1:${port}`, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), ...headers },
      body,
    });
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const sent = httpRequest({ host: '127.0.0.1', port, method, path: rawPath, headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) } }, (reply) => {
        const chunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => chunks.push(chunk));
        reply.on('end', () => resolve({ status: reply.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      });
      sent.on('error', reject);
      sent.end(body);
    });
  }

  const code = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

  it('still stores and reads an ordinary key through a signed raw request', async () => {
    const put = await signedRaw('PUT', `/${UPLOADS}/in/ok.txt`, 'fine');
    expect(put.status).toBe(200);
    expect(await signedRaw('GET', `/${UPLOADS}/in/ok.txt`)).toEqual({ status: 200, body: 'fine' });
  });

  it.each([
    ['a raw ../.. out of the data folder', `/${UPLOADS}/../../outside.txt`],
    ['a raw .. into the other bucket', `/${UPLOADS}/../${ASSETS}/avatars/p/1/512.webp`],
    ['%2E%2E into the other bucket', `/${UPLOADS}/%2E%2E/${ASSETS}/avatars/p/1/512.webp`],
    ['lower- and mixed-case %2e%2e / .%2E', `/${UPLOADS}/in/%2e%2e/.%2E/outside.txt`],
    ['an encoded slash around ..', `/${UPLOADS}/in%2F..%2F..%2F..%2Foutside.txt`],
    ['a . segment', `/${UPLOADS}/./in/x.txt`],
    ['an empty segment (a//b)', `/${UPLOADS}/in//x.txt`],
    ['a leading slash in the key', `/${UPLOADS}//in/x.txt`],
    ['a trailing empty segment', `/${UPLOADS}/in/x/`],
    ['a NUL in the key', `/${UPLOADS}/in/x%00.txt`],
  ])('refuses a PUT with %s: 400 InvalidArgument, and no file appears anywhere', async (_, rawPath) => {
    const before = filesUnder(root);
    const response = await signedRaw('PUT', rawPath, 'evil');
    expect(response.status).toBe(400);
    expect(code(response.body)).toBe('InvalidArgument');
    expect(filesUnder(root)).toEqual(before);
  });

  it.each([
    ['GET', `/${UPLOADS}/../../outside.txt`],
    ['GET', `/${UPLOADS}/%2e%2e/%2e%2e/outside.txt`],
    ['HEAD', `/${UPLOADS}/../../outside.txt`],
    ['DELETE', `/${UPLOADS}/../../outside.txt`],
  ])('refuses a %s of %s and never reads or deletes the file outside', async (method, rawPath) => {
    const response = await signedRaw(method, rawPath);
    expect(response.status).toBe(400);
    expect(response.body).not.toContain('secret');
    expect(filesUnder(root)).toContain('outside.txt');
  });

  it('refuses a bucket name that is a dot segment: 400 InvalidBucketName', async () => {
    const before = filesUnder(root);
    const response = await signedRaw('PUT', '/%2E%2E/outside.txt', 'evil');
    expect([response.status, code(response.body)]).toEqual([400, 'InvalidBucketName']);
    expect(filesUnder(root)).toEqual(before);
  });

  it.each([
    ['a header', { 'x-amz-copy-source': `/${UPLOADS}/../../outside.txt` }, `/${UPLOADS}/in/copy.txt`],
    ['an encoded header', { 'x-amz-copy-source': `${UPLOADS}/%2E%2E/%2E%2E/outside.txt` }, `/${UPLOADS}/in/copy.txt`],
    ['a query parameter (s3rver reads x-amz-* from the query too)', {}, `/${UPLOADS}/in/copy.txt?x-amz-copy-source=${encodeURIComponent(`${UPLOADS}/../../outside.txt`)}`],
  ])('refuses a copy source out of the bucket in %s', async (_, headers, rawPath) => {
    const response = await signedRaw('PUT', rawPath, '', headers);
    expect([response.status, code(response.body)]).toEqual([400, 'InvalidArgument']);
    expect((await signedRaw('GET', `/${UPLOADS}/in/copy.txt`)).status).toBe(404);
  });

  it('refuses an upload id that is a path: 404 NoSuchUpload, and no part is written', async () => {
    const before = filesUnder(root);
    const response = await signedRaw('PUT', `/${UPLOADS}/in/x.txt?partNumber=1&uploadId=${encodeURIComponent('../../../evil')}`, 'part');
    expect([response.status, code(response.body)]).toEqual([404, 'NoSuchUpload']);
    expect(filesUnder(root)).toEqual(before);
  });

  it('refuses a dot-segment key the SDK sends (it does not normalize the path either)', async () => {
    const before = filesUnder(root);
    await expect(client.send(new PutObjectCommand({ Bucket: UPLOADS, Key: `../${ASSETS}/avatars/p/1/512.webp`, Body: 'evil' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await expect(client.send(new HeadObjectCommand({ Bucket: ASSETS, Key: 'avatars/p/1/512.webp' }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(filesUnder(root)).toEqual(before);
  });

  it('refuses a multi-object delete whose keys climb into the other bucket (plain or as XML entities), deleting nothing', async () => {
    await client.send(new PutObjectCommand({ Bucket: ASSETS, Key: 'victim.txt', Body: 'keep me' }));
    await expect(client.send(new DeleteObjectsCommand({ Bucket: UPLOADS, Delete: { Objects: [{ Key: 'in/ok.txt' }, { Key: `../${ASSETS}/victim.txt` }] } }))).rejects.toMatchObject({
      name: 'InvalidArgument',
    });
    const escaped = `<Delete><Object><Key>&#46;&#x2E;/${ASSETS}/victim.txt</Key></Object></Delete>`;
    const response = await signedRaw('POST', `/${UPLOADS}?delete`, escaped, { 'content-md5': createHash('md5').update(escaped).digest('base64') });
    expect([response.status, code(response.body)]).toEqual([400, 'InvalidArgument']);
    await expect(client.send(new HeadObjectCommand({ Bucket: ASSETS, Key: 'victim.txt' }))).resolves.toMatchObject({ ContentLength: 7 });
    await expect(client.send(new HeadObjectCommand({ Bucket: UPLOADS, Key: 'in/ok.txt' }))).resolves.toMatchObject({ ContentLength: 4 });
  });

  it('refuses a signed form upload (POST Object, whose key is a form field): 501, no file', async () => {
    const before = filesUnder(root);
    const boundary = 'cruddur-boundary';
    const form = [`--${boundary}`, 'Content-Disposition: form-data; name="key"', '', '../../outside.txt', `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="x"', 'Content-Type: text/plain', '', 'evil', `--${boundary}--`, ''].join('\r\n');
    const response = await signedRaw('POST', `/${UPLOADS}`, form, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect([response.status, code(response.body)]).toEqual([501, 'NotImplemented']);
    expect(filesUnder(root)).toEqual(before);
  });
});
