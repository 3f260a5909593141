import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { ALGORITHM_IDENTIFIER, MAX_PRESIGNED_TTL, SignatureV4, UNSIGNED_PAYLOAD, createScope, getCanonicalQuery } from '@smithy/signature-v4';
import { S3Error } from './errors';

/** SHA-256 / HMAC-SHA256 on node:crypto, as the SDK's own Node clients (and the presign Lambda) sign with. */
export const sha256 = Hash.bind(null, 'sha256');

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request as it reached the S3 front, before anything was rewritten. */
export interface IncomingS3Request {
  method: string;
  /** The path exactly as sent, still percent-encoded (S3 signs it as is). */
  rawPath: string;
  /** Query parameters, decoded, in order; a repeated name appears more than once. */
  query: ReadonlyArray<readonly [string, string]>;
  headers: IncomingHttpHeaders;
}

/** Who signed the request and what the body must hash to (`UNSIGNED-PAYLOAD`: anything). */
export type S3Authentication =
  | { kind: 'anonymous' }
  | { kind: 'presigned' | 'authorization-header'; accessKeyId: string; payloadHash: string };

export interface SigV4VerifierOptions {
  region: string;
  credentials: readonly S3Credentials[];
  now?: () => Date;
}

/** S3 accepts a signed request dated at most this far from its own clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const SERVICE = 's3';
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const STREAMING_PAYLOAD = /^STREAMING-/;
const SIGNATURE = /^[0-9a-f]{64}$/;

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value === undefined ? null : AMZ_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day, hours, minutes, seconds] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hexBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20261126T120000Z` and `20261126`, as SigV4 writes the signing date. */
function sigV4Dates(date: Date): { longDate: string; shortDate: string } {
  const longDate = isoSeconds(date).replace(/[-:]/g, '');
  return { longDate, shortDate: longDate.slice(0, 8) };
}

/**
 * What the signature of a received request must be. S3 signs the path as sent (no second
 * escaping) and the payload hash the request declares, so the canonical request is built here
 * from the request as it arrived; the Smithy signer's public API derives the key and signs.
 */
async function expectedSignature(
  signer: SignatureV4,
  input: {
    method: string;
    path: string;
    query: Record<string, string | string[]>;
    canonicalHeaders: Record<string, string>;
    payloadHash: string;
    signingDate: Date;
    region: string;
  },
): Promise<{ signature: string; canonicalRequest: string; stringToSign: string }> {
  const names = Object.keys(input.canonicalHeaders).sort();
  const canonicalRequest = [
    input.method,
    input.path,
    getCanonicalQuery({ method: input.method, protocol: 'http:', hostname: '', path: input.path, query: input.query, headers: {} }),
    ...names.map((name) => `${name}:${input.canonicalHeaders[name]}`),
    '',
    names.join(';'),
    input.payloadHash,
  ].join('\n');
  const { longDate, shortDate } = sigV4Dates(input.signingDate);
  const stringToSign = [
    ALGORITHM_IDENTIFIER,
    longDate,
    createScope(shortDate, input.region, SERVICE),
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const signature = await signer.sign(stringToSign, { signingDate: input.signingDate, signingRegion: input.region, signingService: SERVICE });
  return { signature, canonicalRequest, stringToSign };
}

interface SignedParts {
  kind: 'presigned' | 'authorization-header';
  accessKeyId: string;
  credentialDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  signingDate: Date;
  payloadHash: string;
}

/**
 * Checks AWS Signature Version 4 on requests to the local S3 the way S3 does, both kinds: presigned
 * URLs (query string) and the `Authorization` header the SDK sends. Refusals are {@link S3Error}s
 * with S3's codes and messages: a wrong signature, a changed signed header (content type, content
 * length) or a wrong key is `SignatureDoesNotMatch`, an expired URL `AccessDenied`.
 *
 * @example
 * const verifier = new SigV4Verifier({ region: 'us-east-1', credentials: [{ accessKeyId, secretAccessKey }] });
 * const auth = await verifier.authenticate(request); // throws S3Error
 */
export class SigV4Verifier {
  private readonly signers = new Map<string, SignatureV4>();
  private readonly now: () => Date;

  constructor(private readonly options: SigV4VerifierOptions) {
    for (const credentials of options.credentials) {
      this.signers.set(credentials.accessKeyId, new SignatureV4({ service: SERVICE, region: options.region, credentials, sha256 }));
    }
    this.now = options.now ?? (() => new Date());
  }

  async authenticate(request: IncomingS3Request): Promise<S3Authentication> {
    const params = new Map<string, string>();
    for (const [name, value] of request.query) if (!params.has(name)) params.set(name, value);
    const authorization = headerText(request.headers, 'authorization');
    const presigned = params.has('X-Amz-Algorithm') || params.has('X-Amz-Signature') || params.has('X-Amz-Credential');
    if (params.has('Signature') || params.has('AWSAccessKeyId') || /^AWS /.test(authorization ?? '')) {
      throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
    }
    if (presigned && authorization !== undefined) {
      throw new S3Error(
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
        { ArgumentName: 'Authorization', ArgumentValue: authorization },
      );
    }
    if (!presigned && authorization === undefined) return { kind: 'anonymous' };

    const parts = presigned ? this.presignedParts(params) : this.headerParts(authorization ?? '', request.headers);
    const signer = this.signers.get(parts.accessKeyId);
    if (!signer) {
      throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
        AWSAccessKeyId: parts.accessKeyId,
      });
    }
    this.assertScope(parts, presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed');
    if (presigned) this.assertNotExpired(params, parts.signingDate);
    else this.assertClockSkew(headerText(request.headers, 'x-amz-date') ?? '', parts.signingDate);
    if (params.has('X-Amz-Security-Token') || request.headers['x-amz-security-token'] !== undefined) {
      throw new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.');
    }
    this.assertAmzHeadersSigned(request.headers, parts.signedHeaders);

    const canonicalHeaders = Object.fromEntries(
      parts.signedHeaders.map((name) => [
        name,
        (headerText(request.headers, name) ?? '').replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').trim(),
      ]),
    );
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of request.query) {
      if (name === 'X-Amz-Signature') continue;
      const existing = query[name];
      query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    const expected = await expectedSignature(signer, {
      method: request.method,
      path: request.rawPath,
      query,
      canonicalHeaders,
      payloadHash: parts.payloadHash,
      signingDate: parts.signingDate,
      region: parts.region,
    });
    if (!sameSignature(expected.signature, parts.signature)) {
      throw new S3Error('SignatureDoesNotMatch', MISMATCH_MESSAGE, {
        AWSAccessKeyId: parts.accessKeyId,
        StringToSign: expected.stringToSign,
        SignatureProvided: parts.signature,
        StringToSignBytes: hexBytes(expected.stringToSign),
        CanonicalRequest: expected.canonicalRequest,
        CanonicalRequestBytes: hexBytes(expected.canonicalRequest),
      });
    }
    return { kind: parts.kind, accessKeyId: parts.accessKeyId, payloadHash: parts.payloadHash };
  }

  private presignedParts(params: Map<string, string>): SignedParts {
    const fail = (message: string, detail?: Record<string, string>) =>
      new S3Error('AuthorizationQueryParametersError', message, detail);
    if (params.get('X-Amz-Algorithm') !== ALGORITHM_IDENTIFIER) {
      throw fail('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    }
    if (PRESIGN_PARAMS.some((name) => !params.has(name))) {
      throw fail(
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    const signingDate = parseAmzDate(params.get('X-Amz-Date'));
    if (!signingDate) {
      throw fail('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
    }
    const credential = this.parseCredential(params.get('X-Amz-Credential') ?? '', fail, 'X-Amz-Credential parameter');
    return {
      kind: 'presigned',
      ...credential,
      signedHeaders: (params.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean),
      signature: params.get('X-Amz-Signature') ?? '',
      signingDate,
      payloadHash: params.get('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD,
    };
  }

  private headerParts(authorization: string, headers: IncomingHttpHeaders): SignedParts {
    const fail = (message: string) => new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`);
    const [algorithm, ...rest] = authorization.trim().split(/\s+/);
    if (algorithm !== ALGORITHM_IDENTIFIER) {
      throw new S3Error('InvalidArgument', 'Unsupported Authorization Type', { ArgumentName: 'Authorization', ArgumentValue: authorization });
    }
    const components = new Map(
      rest
        .join('')
        .split(',')
        .filter(Boolean)
        .map((component) => {
          const eq = component.indexOf('=');
          return [component.slice(0, eq), component.slice(eq + 1)] as const;
        }),
    );
    for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
      if (!components.get(name)) throw fail(`missing ${name}.`);
    }
    const payloadHash = headerText(headers, 'x-amz-content-sha256');
    if (payloadHash === undefined) {
      throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }
    if (payloadHash !== UNSIGNED_PAYLOAD && !HEX_SHA256.test(payloadHash)) {
      if (STREAMING_PAYLOAD.test(payloadHash)) {
        throw new S3Error('NotImplemented', 'The local S3 front does not accept aws-chunked (streaming) uploads; send the body whole.');
      }
      throw new S3Error('InvalidArgument', "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.", {
        ArgumentName: 'x-amz-content-sha256',
        ArgumentValue: payloadHash,
      });
    }
    const signingDate = parseAmzDate(headerText(headers, 'x-amz-date'));
    if (!signingDate) throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    const credential = this.parseCredential(components.get('Credential') ?? '', (m) => fail(m), 'Credential');
    return {
      kind: 'authorization-header',
      ...credential,
      signedHeaders: (components.get('SignedHeaders') ?? '').split(';').filter(Boolean),
      signature: components.get('Signature') ?? '',
      signingDate,
      payloadHash,
    };
  }

  private parseCredential(
    value: string,
    fail: (message: string, detail?: Record<string, string>) => S3Error,
    what: string,
  ): Pick<SignedParts, 'accessKeyId' | 'credentialDate' | 'region' | 'service'> {
    const parts = value.split('/');
    if (parts.length !== 5 || parts[4] !== 'aws4_request' || parts.some((part) => part === '')) {
      throw fail(`Error parsing the ${what}; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
    }
    const [accessKeyId = '', credentialDate = '', region = '', service = ''] = parts;
    return { accessKeyId, credentialDate, region, service };
  }

  private assertScope(parts: SignedParts, code: string): void {
    const what = parts.kind === 'presigned' ? 'X-Amz-Credential parameter' : 'Credential';
    if (!/^\d{8}$/.test(parts.credentialDate)) {
      throw new S3Error(code, `Error parsing the ${what}; incorrect date format. This date in the credential must be in the format "yyyyMMdd".`);
    }
    const dateInRequest = isoSeconds(parts.signingDate).replace(/-/g, '').slice(0, 8);
    if (parts.credentialDate !== dateInRequest) {
      throw new S3Error(code, `Invalid credential date "${parts.credentialDate}". This date is not the same as X-Amz-Date: "${dateInRequest}".`);
    }
    if (parts.region !== this.options.region) {
      throw new S3Error(code, `Error parsing the ${what}; the region '${parts.region}' is wrong; expecting '${this.options.region}'`, {
        Region: this.options.region,
      });
    }
    if (parts.service !== SERVICE) {
      throw new S3Error(code, `Error parsing the ${what}; incorrect service "${parts.service}". This endpoint belongs to "${SERVICE}".`);
    }
    if (!parts.signedHeaders.includes('host')) {
      throw new S3Error(code, 'The host header must be signed.');
    }
    if (!SIGNATURE.test(parts.signature)) {
      throw new S3Error('SignatureDoesNotMatch', MISMATCH_MESSAGE, { AWSAccessKeyId: parts.accessKeyId, SignatureProvided: parts.signature });
    }
  }

  private assertNotExpired(params: Map<string, string>, signingDate: Date): void {
    const raw = params.get('X-Amz-Expires') ?? '';
    if (!/^\d+$/.test(raw)) {
      throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Expires should be a number');
    }
    const expiresIn = Number(raw);
    if (expiresIn > MAX_PRESIGNED_TTL) {
      throw new S3Error('AuthorizationQueryParametersError', `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_TTL}`);
    }
    const now = this.now();
    if (signingDate.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
      throw new S3Error('AccessDenied', 'Request is not yet valid', { 'X-Amz-Date': params.get('X-Amz-Date') ?? '', ServerTime: isoSeconds(now) });
    }
    const expires = new Date(signingDate.getTime() + expiresIn * 1000);
    if (now.getTime() > expires.getTime()) {
      throw new S3Error('AccessDenied', 'Request has expired', {
        'X-Amz-Expires': raw,
        Expires: isoSeconds(expires),
        ServerTime: isoSeconds(now),
      });
    }
  }

  private assertClockSkew(requestTime: string, signingDate: Date): void {
    const now = this.now();
    if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
      throw new S3Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        RequestTime: requestTime,
        ServerTime: isoSeconds(now),
        MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS),
      });
    }
  }

  /** S3 refuses `x-amz-*` headers that the signature does not cover: they could change the request. */
  private assertAmzHeadersSigned(headers: IncomingHttpHeaders, signedHeaders: readonly string[]): void {
    const unsigned = Object.keys(headers).filter((name) => name.startsWith('x-amz-') && !signedHeaders.includes(name));
    if (unsigned.length > 0) {
      throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', {
        HeadersNotSigned: unsigned.join(', '),
      });
    }
  }
}

function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}
