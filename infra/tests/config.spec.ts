import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CONTEXT_DEFAULTS, parseWebOrigins, readConfig } from '../src/config';
import { InfraConfigError } from '../src/errors';

const context = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });

describe('readConfig', () => {
  it('falls back to safe defaults with no context and no environment', () => {
    const config = readConfig(context({}), {});
    expect(config).toMatchObject({
      stage: CONTEXT_DEFAULTS.stage,
      devStage: false,
      webOrigins: ['http://localhost:3000'],
      uploadRetentionDays: 1,
      uploadMaxBytes: 10_485_760,
      uploadUrlExpiresSeconds: 300,
      apiThrottle: { rateLimit: 10, burstLimit: 20 },
      logRetention: RetentionDays.ONE_MONTH,
      logLevel: 'INFO',
    });
    expect(config.cognito).toBeUndefined();
    expect(config.assetsDomain).toBeUndefined();
    expect(config.thumbnailReservedConcurrency).toBeUndefined();
    expect(config.env).toEqual({ account: undefined, region: undefined });
    expect(config.database).toEqual({ minCapacity: 0.5, maxCapacity: 2 });
  });

  it('lets a dev stage pause its idle database (0 ACU) unless told otherwise', () => {
    expect(readConfig(context({ devStage: 'true' }), {}).database).toEqual({ minCapacity: 0, maxCapacity: 2 });
    expect(readConfig(context({ devStage: 'true', databaseMinCapacity: '0.5' }), {}).database.minCapacity).toBe(0.5);
    expect(readConfig(context({}), { CRUDDUR_DATABASE_MAX_CAPACITY: '16' }).database.maxCapacity).toBe(16);
  });

  it('prefers context over CRUDDUR_* environment variables, and takes account/region from the CLI env', () => {
    const config = readConfig(context({ stage: 'prod', uploadRetentionDays: '3' }), {
      CRUDDUR_STAGE: 'ignored',
      CRUDDUR_DEV_STAGE: 'true',
      CRUDDUR_THUMBNAIL_RESERVED_CONCURRENCY: '4',
      CRUDDUR_WEB_ORIGINS: 'https://cruddur.com',
      CDK_DEFAULT_ACCOUNT: '123456789012',
      CDK_DEFAULT_REGION: 'eu-west-1',
    });
    expect(config.stage).toBe('prod');
    expect(config.uploadRetentionDays).toBe(3);
    expect(config.devStage).toBe(true);
    expect(config.thumbnailReservedConcurrency).toBe(4);
    expect(config.webOrigins).toEqual(['https://cruddur.com']);
    expect(config.env).toEqual({ account: '123456789012', region: 'eu-west-1' });
  });

  it.each([
    [{ stage: 'Prod_1' }, /stage must be/],
    [{ devStage: 'maybe' }, /devStage must be true or false/],
    [{ uploadRetentionDays: '0' }, /uploadRetentionDays must be an integer from 1/],
    [{ uploadMaxBytes: '1.5' }, /uploadMaxBytes must be an integer/],
    [{ logRetentionDays: '2' }, /logRetentionDays must be a CloudWatch retention value/],
    [{ logLevel: 'loud' }, /logLevel must be one of/],
    [{ cognitoUserPoolId: 'eu-west-1_abc' }, /go together/],
    [{ cognitoUserPoolId: 'pool', cognitoClientId: 'abc' }, /cognitoUserPoolId looks wrong/],
    [{ assetsDomain: 'assets.example.com' }, /set all three or none/],
    [{ assetsDomain: 'assets.other.com', hostedZoneId: 'Z123', hostedZoneName: 'example.com' }, /not inside hosted zone/],
    [{ alarmTopicArn: 'arn:aws:sqs:eu-west-1:123456789012:q' }, /alarmTopicArn must be an sns ARN/],
    [{ databaseMinCapacity: '0.25' }, /databaseMinCapacity must be 0 to 256 ACUs in steps of 0.5/],
    [{ databaseMaxCapacity: '300' }, /databaseMaxCapacity must be 0 to 256 ACUs/],
    [{ databaseMaxCapacity: '0.5' }, /databaseMaxCapacity must be at least 1 ACU/],
    [{ databaseMinCapacity: '4', databaseMaxCapacity: '2' }, /must not be below databaseMinCapacity/],
  ])('rejects %j', (values, message) => {
    expect(() => readConfig(context(values), {})).toThrow(InfraConfigError);
    expect(() => readConfig(context(values), {})).toThrow(message);
  });

  it('accepts a complete custom domain and normalizes a trailing dot on the zone', () => {
    const config = readConfig(
      context({ assetsDomain: 'assets.example.com', hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.com.' }),
      {},
    );
    expect(config.assetsDomain).toEqual({
      domainName: 'assets.example.com',
      hostedZoneId: 'Z0123456789ABC',
      hostedZoneName: 'example.com',
    });
  });
});

describe('parseWebOrigins', () => {
  it('trims, drops empty entries and strips a trailing slash', () => {
    expect(parseWebOrigins(' https://cruddur.com/ , ,http://localhost:3000')).toEqual([
      'https://cruddur.com',
      'http://localhost:3000',
    ]);
  });

  it.each(['*', 'https://*.cruddur.com', 'http://cruddur.com', 'https://cruddur.com/app', 'cruddur.com', ''])(
    'rejects %j',
    (value) => {
      expect(() => parseWebOrigins(value)).toThrow(InfraConfigError);
    },
  );
});
