import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CONTEXT_DEFAULTS, parseWebOrigins, readConfig } from '../src/config';
import { InfraConfigError } from '../src/errors';

const context = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });

describe('readConfig', () => {
  it('falls back to the dev stage\'s laptop defaults with no context and no environment', () => {
    const config = readConfig(context({}), {});
    expect(config).toMatchObject({
      stage: CONTEXT_DEFAULTS.stage,
      devStage: true,
      webOrigins: ['http://localhost:3000'],
      uploadRetentionDays: 14,
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
    expect(config.database).toEqual({ minCapacity: 0, maxCapacity: 2 });
  });

  it('never takes the account or region the CLI guessed (CDK_DEFAULT_*): a dev stage is environment-agnostic', () => {
    const config = readConfig(context({}), { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'us-east-1' });
    expect(config.env).toEqual({ account: undefined, region: undefined });
  });

  it('refuses a stage outside dev with one message naming every missing value', () => {
    const attempt = () => readConfig(context({ stage: 'prod' }), {});
    expect(attempt).toThrow(InfraConfigError);
    expect(attempt).toThrow(
      'stage "prod" is not a dev stage (devStage=false), so it needs: account (-c account=… or CRUDDUR_ACCOUNT); ' +
        'region (-c region=… or CRUDDUR_REGION); webOrigins (-c webOrigins=https://… or CRUDDUR_WEB_ORIGINS), not the localhost default; ' +
        'an alarm destination (alarmTopicArn or alarmEmail)',
    );
    expect(() => readConfig(context({ devStage: 'false' }), {})).toThrow(/stage "dev" is not a dev stage/);
  });

  it.each([
    ['webOrigins', { alarmEmail: 'ops@example.com' }],
    ['an alarm destination', { webOrigins: 'https://cruddur.com' }],
    ['region', { webOrigins: 'https://cruddur.com', alarmEmail: 'ops@example.com', region: undefined }],
  ])('names %s when only it is missing', (missing, values) => {
    const complete = { stage: 'prod', account: '123456789012', region: 'eu-west-1', ...values };
    expect(() => readConfig(context(complete), {})).toThrow(new RegExp(`needs: ${missing}[^;]*$`));
  });

  it('accepts a complete production stage from context or CRUDDUR_* variables', () => {
    const config = readConfig(context({ stage: 'prod' }), {
      CRUDDUR_ACCOUNT: '123456789012',
      CRUDDUR_REGION: 'eu-west-1',
      CRUDDUR_WEB_ORIGINS: 'https://cruddur.com',
      CRUDDUR_ALARM_EMAIL: 'ops@example.com',
    });
    expect(config).toMatchObject({ devStage: false, env: { account: '123456789012', region: 'eu-west-1' }, alarmEmail: 'ops@example.com' });
    expect(config.database).toEqual({ minCapacity: 0.5, maxCapacity: 2 });
  });

  it('lets a dev stage pause its idle database (0 ACU) unless told otherwise', () => {
    expect(readConfig(context({ devStage: 'true' }), {}).database).toEqual({ minCapacity: 0, maxCapacity: 2 });
    expect(readConfig(context({ stage: 'qa', devStage: 'true' }), {}).database).toEqual({ minCapacity: 0, maxCapacity: 2 });
    expect(readConfig(context({ devStage: 'true', databaseMinCapacity: '0.5' }), {}).database.minCapacity).toBe(0.5);
    expect(readConfig(context({}), { CRUDDUR_DATABASE_MAX_CAPACITY: '16' }).database.maxCapacity).toBe(16);
  });

  it('prefers context over CRUDDUR_* environment variables, and takes account/region only when given', () => {
    const config = readConfig(context({ stage: 'prod', uploadRetentionDays: '3', account: '123456789012' }), {
      CRUDDUR_STAGE: 'ignored',
      CRUDDUR_DEV_STAGE: 'true',
      CRUDDUR_THUMBNAIL_RESERVED_CONCURRENCY: '4',
      CRUDDUR_WEB_ORIGINS: 'https://cruddur.com',
      CRUDDUR_ACCOUNT: '999999999999',
      CRUDDUR_REGION: 'eu-west-1',
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
    [{ uploadMaxBytes: '1.5' }, /uploadMaxBytes must be a whole number of bytes from 1 to 5368709120, got "1.5"/],
    [{ uploadMaxBytes: '1e3' }, /uploadMaxBytes must be a whole number of bytes/],
    [{ uploadMaxBytes: '5368709121' }, /uploadMaxBytes must be a whole number of bytes/],
    [{ logRetentionDays: '2' }, /logRetentionDays must be a CloudWatch retention value/],
    [{ logLevel: 'loud' }, /logLevel must be one of/],
    [{ cognitoUserPoolId: 'eu-west-1_abc' }, /go together/],
    [{ cognitoUserPoolId: 'pool', cognitoClientId: 'abc' }, /cognitoUserPoolId looks wrong/],
    [{ assetsDomain: 'assets.example.com' }, /set all three or none/],
    [{ assetsDomain: 'assets.other.com', hostedZoneId: 'Z123', hostedZoneName: 'example.com' }, /not inside hosted zone/],
    [{ alarmTopicArn: 'arn:aws:sqs:eu-west-1:123456789012:q' }, /alarmTopicArn must be an sns ARN/],
    [{ alarmEmail: 'ops' }, /alarmEmail looks wrong/],
    [{ account: '1234' }, /account must be 12 digits/],
    [{ region: 'Europe' }, /region looks wrong/],
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
