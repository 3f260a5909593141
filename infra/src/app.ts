import { App, Tags, Validations, type AppProps, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import featureFlags from '../feature-flags.json';
import { cfnGuardValidator } from './cfn-guard';
import type { AvatarsConfig } from './config';
import { InfraConfigError } from './errors';
import type { FunctionComponent } from './names';
import { PROJECT_NAME, stackName } from './names';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { AuthorizerStack } from './stacks/authorizer-stack';
import { CdnLogsStack } from './stacks/cdn-logs-stack';
import { CertificateStack } from './stacks/certificate-stack';
import { DatabaseStack } from './stacks/database-stack';
import { EventsStack } from './stacks/events-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { PresignStack } from './stacks/presign-stack';
import { ProfileStack } from './stacks/profile-stack';
import { StorageStack } from './stacks/storage-stack';
import { ThumbnailStack } from './stacks/thumbnail-stack';
import { WafStack } from './stacks/waf-stack';

/** Where each function's Nx build output lives. */
export type AssetDirs = Readonly<Record<FunctionComponent, string>>;

export interface AvatarsStacks {
  readonly certificate?: CertificateStack;
  /** Only with wafRateLimit, for a stage outside us-east-1. */
  readonly waf?: WafStack;
  /** Only without a given user pool (cognitoUserPoolId / cognitoClientId). */
  readonly auth?: AuthStack;
  readonly storage: StorageStack;
  /** CloudFront access logs (v2) for a stage with a known region outside us-east-1. */
  readonly cdnLogs?: CdnLogsStack;
  readonly events: EventsStack;
  readonly monitoring: MonitoringStack;
  readonly database: DatabaseStack;
  readonly api: ApiStack;
  readonly authorizer: AuthorizerStack;
  readonly presign: PresignStack;
  readonly thumbnail: ThumbnailStack;
  readonly profile: ProfileStack;
}

/**
 * A CDK App with this project's feature flags (a snapshot of the recommended flags of the pinned
 * aws-cdk-lib, so an upgrade cannot silently change templates). CLI context overrides them.
 */
export function newAvatarsApp(props: AppProps = {}): App {
  return new App({ analyticsReporting: false, ...props, context: { ...featureFlags, ...props.context } });
}

/**
 * Adds every stack of one stage to the app and registers the policy checks that fail its synth:
 * cdk-nag's AwsSolutions and Serverless packs and cfn-guard's Control Tower rules.
 *
 * @example
 * const app = newAvatarsApp();
 * addAvatarsStacks(app, readConfig(app.node), { authorizer: 'dist/apps/authorizer', presign: '…', thumbnail: '…', profile: '…' });
 */
export interface PolicyCheckOptions {
  /**
   * Run cfn-guard's Control Tower rules at synth (a native binary over every template: seconds per
   * synth). Default true; unit tests that synthesize many apps switch it off and one spec runs it.
   */
  readonly cfnGuard?: boolean;
}

export function addAvatarsStacks(
  app: App,
  config: AvatarsConfig,
  assetDirs: AssetDirs,
  options: PolicyCheckOptions = {},
): AvatarsStacks {
  const env: Environment = { account: config.env.account, region: config.env.region };
  // Construct id = CloudFormation stack name: the CLI selects stacks by id (`cdk deploy <id>`).
  const base = { env, config };

  let certificate: CertificateStack | undefined;
  if (config.assetsDomain && env.region !== 'us-east-1') {
    if (!env.account || !env.region) {
      throw new InfraConfigError(
        'assetsDomain needs an explicit account and region (-c account=… -c region=…, or CRUDDUR_ACCOUNT / CRUDDUR_REGION): its certificate is made in us-east-1',
      );
    }
    certificate = new CertificateStack(app, stackName(config.stage, 'certificate'), {
      ...base,
      env: { account: env.account, region: 'us-east-1' },
      crossRegionReferences: true,
      assetsDomain: config.assetsDomain,
    });
  }

  let waf: WafStack | undefined;
  if (config.wafRateLimit !== undefined && env.region !== 'us-east-1') {
    if (!env.account || !env.region) {
      throw new InfraConfigError(
        'wafRateLimit needs an explicit account and region (-c account=… -c region=…, or CRUDDUR_ACCOUNT / CRUDDUR_REGION): a CloudFront web ACL is made in us-east-1',
      );
    }
    waf = new WafStack(app, stackName(config.stage, 'waf'), {
      ...base,
      env: { account: env.account, region: 'us-east-1' },
      crossRegionReferences: true,
      rateLimit: config.wafRateLimit,
    });
  }

  const storage = new StorageStack(app, stackName(config.stage, 'storage'), {
    ...base,
    crossRegionReferences: certificate !== undefined || waf !== undefined,
    certificate: certificate?.assetsCertificate.certificate,
    webAclArn: waf?.assetsWebAcl.webAclArn,
  });
  // CloudFront takes standard logging (v2) in us-east-1 only; in us-east-1 the storage stack holds it.
  let cdnLogs: CdnLogsStack | undefined;
  if (env.account && env.region && env.region !== 'us-east-1') {
    cdnLogs = new CdnLogsStack(app, stackName(config.stage, 'cdn-logs'), {
      ...base,
      env: { account: env.account, region: 'us-east-1' },
      crossRegionReferences: true,
      distributionArn: storage.cdn.distribution.distributionArn,
    });
    // Fn::GetStackOutput is a weak reference: the order is only for `cdk deploy --all`.
    cdnLogs.addStackDependency(storage, 'logs the distribution of the storage stack');
  }
  const auth = config.cognito ? undefined : new AuthStack(app, stackName(config.stage, 'auth'), base);
  const events = new EventsStack(app, stackName(config.stage, 'events'), base);
  const authorizer = new AuthorizerStack(app, stackName(config.stage, 'authorizer'), { ...base, assetDir: assetDirs.authorizer });
  const presign = new PresignStack(app, stackName(config.stage, 'presign'), { ...base, assetDir: assetDirs.presign });
  const thumbnail = new ThumbnailStack(app, stackName(config.stage, 'thumbnail'), { ...base, assetDir: assetDirs.thumbnail });
  const database = new DatabaseStack(app, stackName(config.stage, 'database'), base);
  const profile = new ProfileStack(app, stackName(config.stage, 'profile'), { ...base, assetDir: assetDirs.profile });
  const api = new ApiStack(app, stackName(config.stage, 'api'), base);
  const monitoring = new MonitoringStack(app, stackName(config.stage, 'monitoring'), base);
  monitoring.addStackDependency(api, 'reads the API id from SSM');
  monitoring.addStackDependency(storage, 'reads the distribution id from SSM');

  // Deploy order for `cdk deploy --all` only: the function stacks read the storage stack's SSM
  // parameters at deploy time. No value crosses a stack boundary, so `--exclusively` is always safe.
  for (const stack of [authorizer, presign, thumbnail, profile, database, api]) {
    stack.addStackDependency(events, 'reads the alarm topic (thumbnail, profile: also the avatar-processed topic) from SSM');
  }
  if (auth) authorizer.addStackDependency(auth, 'reads the user pool and client ids from SSM');
  presign.addStackDependency(storage, 'reads the uploads bucket name from SSM');
  thumbnail.addStackDependency(storage, 'reads the bucket names from SSM');
  profile.addStackDependency(storage, 'reads the assets base URL from SSM');
  profile.addStackDependency(database, 'reads the VPC, subnets, clients security group and secret ARN from SSM');

  const stacks = { certificate, waf, auth, storage, cdnLogs, events, monitoring, database, api, authorizer, presign, thumbnail, profile };
  for (const stack of Object.values(stacks)) {
    if (!stack) continue;
    // CloudFormation takes no Tags on a dashboard (cfn-lint E3002).
    const tagOptions = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
    Tags.of(stack).add('project', PROJECT_NAME, tagOptions);
    Tags.of(stack).add('stage', config.stage, tagOptions);
  }
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
    ...(options.cfnGuard === false ? [] : [cfnGuardValidator(config)]),
  );
  return stacks;
}
