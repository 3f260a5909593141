// The edges of the presign settings and the log line an operator reads for each issued URL.
import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { LOCAL_STAGE, metricDimensions } from '@cruddur/shared/metrics';
import { UploadUrlSigner, createPresignHandler, presignAvatarUpload, presignDepsFromEnv } from '../../src';
import { AvatarUploadError, UploadConfigError } from '../../src/errors';
import { PRESIGN_ENV, presignConfigFromEnv } from '../../src/presign';

const BASE = { UPLOADS_BUCKET: 'b', AWS_REGION: 'eu-west-1' };
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

function configError(env: Record<string, string>): string {
  try {
    presignConfigFromEnv(env);
  } catch (error) {
    if (error instanceof UploadConfigError) return error.message;
    throw error;
  }
  throw new Error('expected an UploadConfigError');
}

describe('presignConfigFromEnv at the edges', () => {
  it('takes an empty setting as unset', () => {
    expect(presignConfigFromEnv({ ...BASE, UPLOAD_MAX_BYTES: '', UPLOAD_URL_EXPIRES_SECONDS: '', S3_ENDPOINT: '' })).toMatchObject({
      maxBytes: 10_485_760,
      expiresInSeconds: 300,
      endpoint: undefined,
    });
  });

  it('falls back to AWS_DEFAULT_REGION', () => {
    expect(presignConfigFromEnv({ UPLOADS_BUCKET: 'b', AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe('ap-south-1');
  });

  it('accepts 1 and the cap, refuses 0 and one past it, naming the range', () => {
    expect(presignConfigFromEnv({ ...BASE, UPLOAD_MAX_BYTES: '1' }).maxBytes).toBe(1);
    expect(presignConfigFromEnv({ ...BASE, UPLOAD_URL_EXPIRES_SECONDS: '604800' }).expiresInSeconds).toBe(604_800);
    expect(configError({ ...BASE, UPLOAD_MAX_BYTES: '0' })).toBe('UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 5368709120, got "0"');
    expect(configError({ ...BASE, UPLOAD_MAX_BYTES: '5368709121' })).toBe(
      'UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 5368709120, got "5368709121"',
    );
    expect(configError({ ...BASE, UPLOAD_URL_EXPIRES_SECONDS: '604801' })).toBe('UPLOAD_URL_EXPIRES_SECONDS must be a whole number from 1 to 604800');
  });

  it("reads UPLOAD_MAX_BYTES by the contract's rule (digits only), keeping the contract's refusal as the cause", () => {
    expect(configError({ ...BASE, UPLOAD_MAX_BYTES: '1e3' })).toBe('UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 5368709120, got "1e3"');
    expect(() => presignConfigFromEnv({ ...BASE, UPLOAD_MAX_BYTES: '0x10' })).toThrow(
      expect.objectContaining({ name: 'UploadConfigError', cause: expect.any(RangeError) }),
    );
  });

  it('names what is missing or malformed', () => {
    expect(configError({ AWS_REGION: 'r' })).toBe('UPLOADS_BUCKET is not set');
    expect(configError({ UPLOADS_BUCKET: 'b' })).toBe('AWS_REGION is not set');
    expect(configError({ ...BASE, S3_ENDPOINT: 'ftp://x' })).toBe('S3_ENDPOINT must be an origin such as http://127.0.0.1:4569');
  });

  it('refuses an endpoint that only ends like an origin', () => {
    expect(configError({ ...BASE, S3_ENDPOINT: 'javascript:alert(1)//http://127.0.0.1:4569' })).toBe(
      'S3_ENDPOINT must be an origin such as http://127.0.0.1:4569',
    );
  });
});

describe('the errors', () => {
  it('are named for logs and share a base class', () => {
    expect(new UploadConfigError('x').name).toBe('UploadConfigError');
    expect(new UploadConfigError('x')).toBeInstanceOf(AvatarUploadError);
    expect(new AvatarUploadError('x').name).toBe('AvatarUploadError');
  });
});

describe('presignAvatarUpload', () => {
  it('refuses a content type it has no extension for, naming it', async () => {
    const config = { bucket: 'b', region: 'eu-west-1', maxBytes: 10, expiresInSeconds: 60 };
    await expect(
      presignAvatarUpload(new UploadUrlSigner(config, credentials), config, 'u-1', { contentType: 'image/x-icon' as 'image/png', contentLength: 1 }),
    ).rejects.toThrow(new UploadConfigError('no extension for image/x-icon'));
  });
});

describe('the log of an issued URL', () => {
  // The execution role's credentials, as Lambda sets them: presignDepsFromEnv signs with them.
  const saved = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'] };
  beforeAll(() => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
  });
  afterAll(() => {
    for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  let written: string[];
  let write: jest.SpyInstance;
  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  const lines = () => written.flatMap((text) => text.split('\n')).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));

  it('names the key, the announced file and the expiry, under the service name of the environment', async () => {
    const deps = presignDepsFromEnv({ ...BASE, [PRESIGN_ENV.allowedOrigins]: 'https://cruddur.example' });
    expect(deps.origins).toEqual(['https://cruddur.example']);
    expect(deps.config.bucket).toBe('b');
    const handler = createPresignHandler(deps);
    const event = httpApiEvent({
      routeKey: 'POST /avatars/key_upload',
      body: { contentType: 'image/png', contentLength: 1234 },
      headers: { origin: 'https://cruddur.example' },
      authorizer: { sub: 'u-1', username: 'u' },
    });
    const res = (await handler(event as never, lambdaContext())) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    const ticket = JSON.parse(res.body);
    const issued = lines().find((line) => line.message === 'upload url issued');
    expect(issued).toMatchObject({ service: 'presign', key: ticket.key, contentType: 'image/png', contentLength: 1234, expiresAt: ticket.expiresAt });
  });

  it('counts an issued URL under the dimensions the alarms and dashboard select, whatever the logger is named', async () => {
    const handler = createPresignHandler(presignDepsFromEnv({ ...BASE, POWERTOOLS_SERVICE_NAME: 'presign-eu' }));
    const event = httpApiEvent({
      routeKey: 'POST /avatars/key_upload',
      body: { contentType: 'image/png', contentLength: 1234 },
      authorizer: { sub: 'u-1', username: 'u' },
    });
    expect(((await handler(event as never, lambdaContext())) as { statusCode: number }).statusCode).toBe(200);
    const emf = lines().find((line) => line._aws !== undefined);
    expect(emf).toMatchObject({ ...metricDimensions('uploadUrlsIssued', LOCAL_STAGE), UploadUrlsIssued: 1 });
  });

  it("uses the function's own logger name, POWERTOOLS_SERVICE_NAME or 'presign'", async () => {
    for (const [env, service] of [
      [{}, 'presign'],
      [{ POWERTOOLS_SERVICE_NAME: 'presign-eu' }, 'presign-eu'],
    ] as const) {
      written = [];
      const deps = presignDepsFromEnv({ ...BASE, ...env });
      deps.logger.info('probe');
      expect(lines().find((line) => line.message === 'probe')?.service).toBe(service);
    }
  });
});
