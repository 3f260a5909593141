import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { TargetError } from './errors';

/** What the checks talk to: one running stack, local or a deployed stage. */
export interface SmokeTarget {
  readonly kind: 'local' | 'aws';
  /** For the report: "local stack (.local/stack.json)", "stage prod (tmp/cdk-outputs)". */
  readonly description: string;
  /** Base URL of the HTTP API, no trailing slash. */
  readonly apiUrl: string;
  /** Base URL renditions are served from (CloudFront, the local assets route), no trailing slash. */
  readonly assetsUrl: string;
  /** The Cognito JSON API and the app client the web page signs in with. */
  readonly cognito: { readonly endpoint: string; readonly clientId: string };
  /** The origin the page is served from, when the description knows it (the local stack does). */
  readonly webOrigin?: string;
  /** Users the local stack seeded; the first is the default test user there. */
  readonly demoUsers: readonly { readonly username: string; readonly password: string }[];
  /** AWS mode only: what the SNS and SQS checks read. */
  readonly aws?: StageResources;
}

interface StageResources {
  readonly stage: string;
  readonly region: string;
  readonly avatarProcessedTopicArn: string;
  /** The profile stack's subscriber of the topic. */
  readonly profileSubscriberFunctionName: string;
  readonly thumbnailDeadLetterQueueUrl: string;
}

/** The parts of the local stack's `stack.json` the smoke test reads (apps/local-stack/src/stack-file.ts writes it). */
const StackFileSchema = z.object({
  webUrl: z.string(),
  apiUrl: z.string(),
  assetsUrl: z.string(),
  cognito: z.object({ endpoint: z.string(), clientId: z.string() }),
  demoUsers: z.array(z.object({ username: z.string(), password: z.string() })),
});

function baseUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new TargetError(`${what} is not a URL: ${JSON.stringify(raw.slice(0, 80))}`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetError(`${what} must be an http(s) URL, got ${url.protocol}`);
  return url.href.replace(/\/+$/, '');
}

/** A path relative to the working directory when it is inside it, else as given. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new TargetError(`cannot read ${what} ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new TargetError(`${what} ${file} is not JSON`, { cause });
  }
}

/**
 * The local stack a `stack.json` describes (`npm start` writes it to its data folder).
 *
 * @throws TargetError when the file is missing, not JSON, or lacks an endpoint
 *
 * @example
 * const target = targetFromStackFile('.local/stack.json');
 */
export function targetFromStackFile(file: string): SmokeTarget {
  const parsed = z.safeParse(StackFileSchema, readJson(file, 'stack file'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TargetError(`stack file ${file} is not a local stack's stack.json (${issue?.path.join('.') || 'document'}: ${issue?.message})`);
  }
  const stack = parsed.data;
  return {
    kind: 'local',
    description: `local stack (${displayPath(file)})`,
    apiUrl: baseUrl(stack.apiUrl, 'stack.json apiUrl'),
    assetsUrl: baseUrl(stack.assetsUrl, 'stack.json assetsUrl'),
    cognito: { endpoint: stack.cognito.endpoint, clientId: stack.cognito.clientId },
    webOrigin: new URL(baseUrl(stack.webUrl, 'stack.json webUrl')).origin,
    demoUsers: stack.demoUsers.map(({ username, password }) => ({ username, password })),
  };
}

/** The CloudFormation stack name of one component of a stage, as infra/src/names.ts builds it. */
export function stageStackName(stage: string, component: string): string {
  return `cruddur-avatars-${stage}-${component}`;
}

/**
 * The stack outputs AWS mode reads (infra/README.md, "Outputs"): component and output key.
 * tests/integration/stage-outputs.spec.ts checks each against a real synth, so a rename breaks it.
 */
export const STAGE_OUTPUTS = Object.freeze({
  apiUrl: { component: 'api', output: 'ApiUrl' },
  assetsUrl: { component: 'storage', output: 'CdnUrl' },
  avatarProcessedTopicArn: { component: 'events', output: 'AvatarProcessedTopicArn' },
  thumbnailDeadLetterQueueUrl: { component: 'thumbnail', output: 'DeadLetterQueueUrl' },
  profileSubscriberFunctionName: { component: 'profile', output: 'avatarProcessedFunctionName' },
} as const);

/** The optional auth stack's app client (absent when the stage was given an existing user pool). */
export const AUTH_CLIENT_OUTPUT = Object.freeze({ component: 'auth', output: 'UserPoolClientId' } as const);

/** Stack name → output key → value: what `cdk deploy --outputs-file` writes. */
export type StackOutputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Every outputs file in `dir` merged (tools/deploy writes one per deploy to tmp/cdk-outputs/), or
 * one file.
 *
 * @throws TargetError when there is nothing to read
 *
 * @example
 * const outputs = readStackOutputs('tmp/cdk-outputs');
 */
export function readStackOutputs(dirOrFile: string): StackOutputs {
  if (!existsSync(dirOrFile)) {
    throw new TargetError(`no deploy outputs at ${dirOrFile}: deploy the stage first (npx nx run infra:deploy and the function deploys write tmp/cdk-outputs/)`);
  }
  const files = statSync(dirOrFile).isDirectory()
    ? readdirSync(dirOrFile)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => path.join(dirOrFile, name))
    : [dirOrFile];
  const merged: Record<string, Record<string, string>> = {};
  for (const file of files) {
    const content = readJson(file, 'outputs file');
    if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new TargetError(`outputs file ${file} is not an object of stacks`);
    for (const [stack, outputs] of Object.entries(content)) {
      if (typeof outputs !== 'object' || outputs === null) continue;
      merged[stack] = { ...merged[stack], ...Object.fromEntries(Object.entries(outputs).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) };
    }
  }
  return merged;
}

export interface StageOptions {
  readonly stage: string;
  /** Where the outputs came from, for the report. */
  readonly source: string;
  /** Default: the region of the avatar-processed topic's ARN. */
  readonly region?: string;
  /** Default: the auth stack's `UserPoolClientId` output. */
  readonly cognitoClientId?: string;
  /** Default: `https://cognito-idp.<region>.amazonaws.com/`. */
  readonly cognitoEndpoint?: string;
}

function output(outputs: StackOutputs, stage: string, ref: { component: string; output: string }): string | undefined {
  const value = outputs[stageStackName(stage, ref.component)]?.[ref.output]?.trim();
  return value ? value : undefined;
}

function requiredOutput(outputs: StackOutputs, stage: string, ref: { component: string; output: string }): string {
  const value = output(outputs, stage, ref);
  if (!value) {
    const stack = stageStackName(stage, ref.component);
    throw new TargetError(`output ${ref.output} of ${stack} is missing: deploy ${ref.component} (${outputs[stack] ? 'its outputs have no such key' : 'no outputs of that stack'})`);
  }
  return value;
}

/**
 * A deployed stage, from its stacks' outputs.
 *
 * @throws TargetError naming the first missing output or value
 *
 * @example
 * const target = targetFromStageOutputs(readStackOutputs('tmp/cdk-outputs'), { stage: 'prod', source: 'tmp/cdk-outputs' });
 */
export function targetFromStageOutputs(outputs: StackOutputs, options: StageOptions): SmokeTarget {
  const { stage } = options;
  const topicArn = requiredOutput(outputs, stage, STAGE_OUTPUTS.avatarProcessedTopicArn);
  const region = options.region ?? /^arn:aws[a-z-]*:sns:([a-z0-9-]+):/.exec(topicArn)?.[1];
  if (!region) throw new TargetError(`no region: pass --region (the topic ARN ${topicArn} names none)`);
  const clientId = options.cognitoClientId ?? output(outputs, stage, AUTH_CLIENT_OUTPUT);
  if (!clientId) {
    throw new TargetError(
      `no Cognito app client id: pass --cognito-client-id (or CRUDDUR_COGNITO_CLIENT_ID), or deploy the auth stack (${stageStackName(stage, AUTH_CLIENT_OUTPUT.component)})`,
    );
  }
  return {
    kind: 'aws',
    description: `stage ${stage} (${options.source})`,
    apiUrl: baseUrl(requiredOutput(outputs, stage, STAGE_OUTPUTS.apiUrl), 'ApiUrl'),
    assetsUrl: baseUrl(requiredOutput(outputs, stage, STAGE_OUTPUTS.assetsUrl), 'CdnUrl'),
    cognito: { endpoint: options.cognitoEndpoint ?? `https://cognito-idp.${region}.amazonaws.com/`, clientId },
    demoUsers: [],
    aws: {
      stage,
      region,
      avatarProcessedTopicArn: topicArn,
      profileSubscriberFunctionName: requiredOutput(outputs, stage, STAGE_OUTPUTS.profileSubscriberFunctionName),
      thumbnailDeadLetterQueueUrl: requiredOutput(outputs, stage, STAGE_OUTPUTS.thumbnailDeadLetterQueueUrl),
    },
  };
}

/**
 * The SSM parameters a stage publishes (infra/src/names.ts, SHARED_PARAMETERS) that AWS mode reads
 * with `--from-ssm`, under `/cruddur-avatars/<stage>/`. The auth stack writes the client id, or an
 * operator does (infra/README.md).
 */
export const STAGE_PARAMETERS = Object.freeze({
  apiUrl: 'api-url',
  assetsUrl: 'assets-base-url',
  avatarProcessedTopicArn: 'avatar-processed-topic-arn',
  cognitoClientId: 'cognito/client-id',
} as const);

/** The full name of one of a stage's SSM parameters. */
export function stageParameterName(stage: string, parameter: string): string {
  return `/cruddur-avatars/${stage}/${parameter}`;
}

/** The stable name of the profile stack's avatar-processed subscriber (infra/src/names.ts, profileFunctionName). */
export function profileSubscriberFunctionName(stage: string): string {
  return `cruddur-avatars-${stage}-profile-avatar-processed`;
}

/** The name of the thumbnail dead-letter queue (the one tools/redrive reads). */
export function thumbnailDeadLetterQueueName(stage: string): string {
  return `cruddur-avatars-${stage}-thumbnail-dlq`;
}

/** What `--from-ssm` reads a stage through: SSM parameters and SQS queue URLs (the SDK in main.ts). */
export interface StageDirectory {
  /** The values of the parameters that exist, by name; missing ones are absent. */
  parameters(names: readonly string[]): Promise<Record<string, string>>;
  queueUrl(queueName: string): Promise<string>;
}

export interface StageParameterOptions {
  readonly stage: string;
  readonly region: string;
  /** Default: the stage's `cognito/client-id` parameter. */
  readonly cognitoClientId?: string;
  readonly cognitoEndpoint?: string;
}

/**
 * A deployed stage, from its SSM parameters and stable names: what a machine that did not deploy
 * it (no tmp/cdk-outputs) can read with the stage's credentials.
 *
 * @throws TargetError naming every missing parameter
 *
 * @example
 * const target = await targetFromStageParameters(awsStageDirectory(ssm, sqs), { stage: 'prod', region: 'eu-west-1' });
 */
export async function targetFromStageParameters(directory: StageDirectory, options: StageParameterOptions): Promise<SmokeTarget> {
  const { stage, region } = options;
  const names = Object.fromEntries(Object.entries(STAGE_PARAMETERS).map(([field, parameter]) => [field, stageParameterName(stage, parameter)])) as Record<
    keyof typeof STAGE_PARAMETERS,
    string
  >;
  const wanted = Object.entries(names)
    .filter(([field]) => !(field === 'cognitoClientId' && options.cognitoClientId))
    .map(([, name]) => name);
  const found = await directory.parameters(wanted);
  const missing = wanted.filter((name) => !found[name]?.trim());
  if (missing.length > 0) {
    throw new TargetError(`stage ${stage} in ${region} has no SSM parameter ${missing.join(', ')}: deploy its shared stacks (and the auth stack, or put the cognito ids, or pass --cognito-client-id)`);
  }
  const value = (field: keyof typeof STAGE_PARAMETERS) => found[names[field]]?.trim() ?? '';
  const queueName = thumbnailDeadLetterQueueName(stage);
  let queueUrl: string;
  try {
    queueUrl = await directory.queueUrl(queueName);
  } catch (cause) {
    throw new TargetError(`no queue ${queueName} in ${region}: deploy the thumbnail stack (${(cause as Error).message})`, { cause });
  }
  return {
    kind: 'aws',
    description: `stage ${stage} (SSM parameters in ${region})`,
    apiUrl: baseUrl(value('apiUrl'), names.apiUrl),
    assetsUrl: baseUrl(value('assetsUrl'), names.assetsUrl),
    cognito: { endpoint: options.cognitoEndpoint ?? `https://cognito-idp.${region}.amazonaws.com/`, clientId: options.cognitoClientId ?? value('cognitoClientId') },
    demoUsers: [],
    aws: {
      stage,
      region,
      avatarProcessedTopicArn: value('avatarProcessedTopicArn'),
      profileSubscriberFunctionName: profileSubscriberFunctionName(stage),
      thumbnailDeadLetterQueueUrl: queueUrl,
    },
  };
}
