import {
  AUTHORIZER_CACHE_TTL_SECONDS,
  FUNCTION_SIZING as CONTRACT_SIZING,
  MAX_UPLOAD_BYTES,
  UPLOAD_URL_EXPIRES_SECONDS,
  type FunctionName,
  parseUploadMaxBytes,
} from '@cruddur/shared/contract';
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { InfraConfigError } from './errors';
import type { ProfileHandler, SingleFunctionComponent } from './names';

/** Key layout shared with the handlers: IAM grants, the lifecycle rule and the trigger use the same prefixes. */
export { ASSETS_PREFIX, UPLOADS_PREFIX } from '@cruddur/storage/s3-keys';

export interface FunctionSizing {
  readonly memorySize: number;
  readonly timeout: Duration;
}

function sizing(name: FunctionName): FunctionSizing {
  return { memorySize: CONTRACT_SIZING[name].memoryMb, timeout: Duration.seconds(CONTRACT_SIZING[name].timeoutSeconds) };
}

/** Memory and timeout per function: the contract's `FUNCTION_SIZING`, which the local stack runs them with too. */
export const FUNCTION_SIZING: Readonly<Record<SingleFunctionComponent, FunctionSizing>> = Object.freeze({
  authorizer: sizing('authorizer'),
  presign: sizing('presign'),
  thumbnail: sizing('thumbnail'),
});

/** Memory and timeout per profile handler (one bundle, one function each), from the contract. */
export const PROFILE_SIZING: Readonly<Record<ProfileHandler, FunctionSizing>> = Object.freeze({
  getProfile: sizing('getProfile'),
  getOwnProfile: sizing('getOwnProfile'),
  updateProfile: sizing('updateProfile'),
  getUploadStatus: sizing('getUploadStatus'),
  removeAvatar: sizing('removeAvatar'),
  avatarProcessed: sizing('avatarProcessed'),
  renditionsDeleted: sizing('renditionsDeleted'),
  migrate: sizing('migrate'),
});

/** Async retries of the avatar-processed subscriber before the event lands in its dead-letter queue. */
export const AVATAR_PROCESSED_RETRY_ATTEMPTS = 2;

/** Availability zones of the database VPC: the subnet-ids parameter always lists this many subnets. */
export const DATABASE_AZ_COUNT = 2;
/** Address range of the database VPC (isolated: it is never peered or routed anywhere). */
export const DATABASE_VPC_CIDR = '10.40.0.0/16';

/** Aurora PostgreSQL user the generated secret holds (the app and the migrations use it). */
export const DATABASE_USERNAME = 'cruddur';
/** The database the cluster creates, `dbname` in the secret. */
export const DATABASE_NAME = 'cruddur';

/** Authorizer results are cached per Authorization header for this long: the contract's, which the local stack uses too. */
export const AUTHORIZER_CACHE_TTL = Duration.seconds(AUTHORIZER_CACHE_TTL_SECONDS);

/** Async retries of the thumbnail function before the event lands in its dead-letter queue. */
export const THUMBNAIL_RETRY_ATTEMPTS = 2;

interface CognitoConfig {
  readonly userPoolId: string;
  readonly clientId: string;
}

export interface AssetsDomainConfig {
  /** e.g. `assets.example.com` */
  readonly domainName: string;
  readonly hostedZoneId: string;
  /** e.g. `example.com` */
  readonly hostedZoneName: string;
}

export interface AvatarsConfig {
  readonly stage: string;
  /** Only a dev stage may destroy buckets and logs with the stack, and fall back on local defaults. */
  readonly devStage: boolean;
  /** Both absent (dev stages only): an environment-agnostic synth, deployed where the CLI's credentials point. */
  readonly env: { readonly account?: string; readonly region?: string };
  readonly webOrigins: readonly string[];
  /** Absent: the ids are read at deploy time from the stage's SSM parameters. */
  readonly cognito?: CognitoConfig;
  /** Absent: assets are served from the CloudFront domain. */
  readonly assetsDomain?: AssetsDomainConfig;
  readonly uploadRetentionDays: number;
  readonly uploadMaxBytes: number;
  readonly uploadUrlExpiresSeconds: number;
  /** Absent: no reservation (a new account's concurrency quota of 10 cannot afford one). */
  readonly thumbnailReservedConcurrency?: number;
  /** Absent: no WAF. Else the CDN gets a web ACL blocking a client IP above this many requests per 5 minutes. */
  readonly wafRateLimit?: number;
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  readonly logLevel: string;
  /** SNS topic that receives the dead-letter-queue alarm; absent: the alarm only shows in the console. */
  readonly alarmTopicArn?: string;
  /** Without alarmTopicArn: the monitoring stack creates the alarm topic, subscribing this address when given. */
  readonly alarmEmail?: string;
  /** Aurora Serverless v2 capacity in ACUs; a minimum of 0 lets the writer pause when idle. */
  readonly database: { readonly minCapacity: number; readonly maxCapacity: number };
}

/** Anything with `tryGetContext`, e.g. `app.node`. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/**
 * Days a dead-letter queue keeps a failed event: the replay window of tools/redrive. Originals
 * must live at least as long, or a parked event can no longer be replayed.
 */
export const DEAD_LETTER_RETENTION_DAYS = 14;

export const CONTEXT_DEFAULTS = Object.freeze({
  stage: 'dev',
  webOrigins: 'http://localhost:3000',
  /** The replay window: an original is kept as long as its failed event may still be redriven. */
  uploadRetentionDays: DEAD_LETTER_RETENTION_DAYS,
  uploadMaxBytes: MAX_UPLOAD_BYTES,
  uploadUrlExpiresSeconds: UPLOAD_URL_EXPIRES_SECONDS,
  apiThrottleRateLimit: 10,
  apiThrottleBurstLimit: 20,
  logRetentionDays: 30,
  logLevel: 'INFO',
  /** A dev stage pauses its idle database (0 ACU); any other stage keeps 0.5 ACU warm. */
  databaseMinCapacityDev: 0,
  databaseMinCapacity: 0.5,
  databaseMaxCapacity: 2,
});

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'];

/**
 * Reads the app configuration: CDK context (`-c key=value`) first, then the `CRUDDUR_*`
 * environment variable of the same name, then the default. Account and region are given
 * (`account`, `region`), never taken from the CLI's guess (`CDK_DEFAULT_*`). Outside a dev stage
 * the values whose defaults only suit a laptop must be given: synth fails naming each missing one.
 *
 * @example
 * const config = readConfig(app.node); // cdk synth -c stage=prod -c webOrigins=https://cruddur.com
 */
export function readConfig(context: ContextSource, env: NodeJS.ProcessEnv = process.env): AvatarsConfig {
  const raw = (key: string): string | undefined => {
    const fromContext = context.tryGetContext(key);
    if (fromContext !== undefined && fromContext !== null && fromContext !== '') return String(fromContext);
    const fromEnv = env[`CRUDDUR_${key.replace(/([A-Z])/g, '_$1').toUpperCase()}`];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };
  const int = (key: keyof typeof CONTEXT_DEFAULTS, min: number, max: number): number =>
    parseInteger(key, raw(key) ?? String(CONTEXT_DEFAULTS[key]), min, max);

  const stage = raw('stage') ?? CONTEXT_DEFAULTS.stage;
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) {
    throw new InfraConfigError(`stage must be 2-16 lowercase letters, digits or dashes, got "${stage}"`);
  }

  const reserved = raw('thumbnailReservedConcurrency');
  const wafRateLimit = raw('wafRateLimit');
  const logRetentionDays = int('logRetentionDays', 1, 3653);
  if (!(Object.values(RetentionDays) as unknown[]).includes(logRetentionDays)) {
    throw new InfraConfigError(`logRetentionDays must be a CloudWatch retention value (1, 3, 5, 7, 14, 30, ...), got ${logRetentionDays}`);
  }
  const logLevel = (raw('logLevel') ?? CONTEXT_DEFAULTS.logLevel).toUpperCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new InfraConfigError(`logLevel must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  // The stage called "dev" is a dev stage unless told otherwise; any other stage must opt in.
  const devStage = parseBoolean('devStage', raw('devStage') ?? String(stage === CONTEXT_DEFAULTS.stage));
  const account = raw('account');
  const region = raw('region');
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new InfraConfigError(`account must be 12 digits, got "${account}"`);
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new InfraConfigError(`region looks wrong: "${region}" (expected e.g. eu-west-1)`);
  }
  const alarmTopicArn = parseOptionalArn('alarmTopicArn', raw('alarmTopicArn'), 'sns');
  const alarmEmail = raw('alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new InfraConfigError(`alarmEmail looks wrong: "${alarmEmail}"`);
  }
  if (!devStage) {
    const missing = [
      account === undefined && 'account (-c account=… or CRUDDUR_ACCOUNT)',
      region === undefined && 'region (-c region=… or CRUDDUR_REGION)',
      raw('webOrigins') === undefined && 'webOrigins (-c webOrigins=https://… or CRUDDUR_WEB_ORIGINS), not the localhost default',
      alarmTopicArn === undefined && alarmEmail === undefined && 'an alarm destination (alarmTopicArn or alarmEmail)',
    ].filter((m): m is string => m !== false);
    if (missing.length > 0) {
      throw new InfraConfigError(`stage "${stage}" is not a dev stage (devStage=false), so it needs: ${missing.join('; ')}`);
    }
  }
  const database = parseDatabaseCapacity(
    raw('databaseMinCapacity') ??
      String(devStage ? CONTEXT_DEFAULTS.databaseMinCapacityDev : CONTEXT_DEFAULTS.databaseMinCapacity),
    raw('databaseMaxCapacity') ?? String(CONTEXT_DEFAULTS.databaseMaxCapacity),
  );

  return {
    stage,
    devStage,
    env: { account, region },
    webOrigins: parseWebOrigins(raw('webOrigins') ?? CONTEXT_DEFAULTS.webOrigins),
    cognito: parseCognito(raw('cognitoUserPoolId'), raw('cognitoClientId')),
    assetsDomain: parseAssetsDomain(raw('assetsDomain'), raw('hostedZoneId'), raw('hostedZoneName')),
    uploadRetentionDays: int('uploadRetentionDays', 1, 365),
    uploadMaxBytes: uploadMaxBytes(raw('uploadMaxBytes')),
    uploadUrlExpiresSeconds: int('uploadUrlExpiresSeconds', 1, 3600),
    thumbnailReservedConcurrency:
      reserved === undefined ? undefined : parseInteger('thumbnailReservedConcurrency', reserved, 1, 1000),
    // WAF's bounds for a rate-based rule.
    wafRateLimit: wafRateLimit === undefined ? undefined : parseInteger('wafRateLimit', wafRateLimit, 10, 2_000_000_000),
    apiThrottle: {
      rateLimit: int('apiThrottleRateLimit', 1, 10_000),
      burstLimit: int('apiThrottleBurstLimit', 1, 5_000),
    },
    logRetention: logRetentionDays as RetentionDays,
    logLevel,
    alarmTopicArn,
    alarmEmail,
    database,
  };
}

/** Aurora Serverless v2 capacities: 0-256 ACUs in 0.5 steps, the maximum at least 1 and not below the minimum. */
function parseDatabaseCapacity(min: string, max: string): AvatarsConfig['database'] {
  const acu = (key: string, value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 256 || !Number.isInteger(n * 2)) {
      throw new InfraConfigError(`${key} must be 0 to 256 ACUs in steps of 0.5, got "${value}"`);
    }
    return n;
  };
  const minCapacity = acu('databaseMinCapacity', min);
  const maxCapacity = acu('databaseMaxCapacity', max);
  if (maxCapacity < 1) throw new InfraConfigError(`databaseMaxCapacity must be at least 1 ACU, got ${maxCapacity}`);
  if (maxCapacity < minCapacity) {
    throw new InfraConfigError(`databaseMaxCapacity (${maxCapacity}) must not be below databaseMinCapacity (${minCapacity})`);
  }
  return { minCapacity, maxCapacity };
}

/**
 * Parses the comma-separated list of web origins allowed by CORS. Only `https://` origins, or
 * `http://localhost` for development; never `*`, never a path.
 *
 * @example
 * parseWebOrigins('https://cruddur.com, http://localhost:3000'); // ['https://cruddur.com', 'http://localhost:3000']
 */
export function parseWebOrigins(value: string): string[] {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  if (origins.length === 0) throw new InfraConfigError('webOrigins must list at least one origin');
  return origins.map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch (cause) {
      throw new InfraConfigError(`webOrigins: "${origin}" is not an origin like https://example.com`, { cause });
    }
    const local = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
    if (url.protocol !== 'https:' && !local) {
      throw new InfraConfigError(`webOrigins: "${origin}" must use https (http only for localhost)`);
    }
    if (url.origin !== origin.replace(/\/$/, '') || url.hostname.includes('*')) {
      throw new InfraConfigError(`webOrigins: "${origin}" must be a bare origin (scheme://host[:port]), no path or wildcard`);
    }
    return url.origin;
  });
}

/** `uploadMaxBytes` as every function reads `UPLOAD_MAX_BYTES`: the contract's one rule. */
function uploadMaxBytes(value: string | undefined): number {
  try {
    return parseUploadMaxBytes(value, 'uploadMaxBytes');
  } catch (cause) {
    throw new InfraConfigError((cause as Error).message, { cause });
  }
}

function parseInteger(key: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InfraConfigError(`${key} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function parseBoolean(key: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  throw new InfraConfigError(`${key} must be true or false, got "${value}"`);
}

function parseCognito(userPoolId?: string, clientId?: string): CognitoConfig | undefined {
  if (userPoolId === undefined && clientId === undefined) return undefined;
  if (userPoolId === undefined || clientId === undefined) {
    throw new InfraConfigError('cognitoUserPoolId and cognitoClientId go together: set both or neither');
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/.test(userPoolId)) {
    throw new InfraConfigError(`cognitoUserPoolId looks wrong: "${userPoolId}" (expected e.g. eu-west-1_AbC123)`);
  }
  if (!/^[a-z0-9]{1,128}$/.test(clientId)) {
    throw new InfraConfigError(`cognitoClientId looks wrong: "${clientId}"`);
  }
  return { userPoolId, clientId };
}

function parseAssetsDomain(domainName?: string, hostedZoneId?: string, hostedZoneName?: string): AssetsDomainConfig | undefined {
  if (domainName === undefined && hostedZoneId === undefined && hostedZoneName === undefined) return undefined;
  if (domainName === undefined || hostedZoneId === undefined || hostedZoneName === undefined) {
    throw new InfraConfigError('assetsDomain, hostedZoneId and hostedZoneName go together: set all three or none');
  }
  const zone = hostedZoneName.replace(/\.$/, '');
  if (domainName !== zone && !domainName.endsWith(`.${zone}`)) {
    throw new InfraConfigError(`assetsDomain "${domainName}" is not inside hosted zone "${zone}"`);
  }
  if (!/^Z[A-Z0-9]{1,31}$/.test(hostedZoneId)) {
    throw new InfraConfigError(`hostedZoneId looks wrong: "${hostedZoneId}"`);
  }
  return { domainName, hostedZoneId, hostedZoneName: zone };
}

function parseOptionalArn(key: string, value: string | undefined, service: string): string | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith('arn:') || value.split(':')[2] !== service) {
    throw new InfraConfigError(`${key} must be an ${service} ARN, got "${value}"`);
  }
  return value;
}
