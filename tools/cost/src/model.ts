import { AVATAR_FORMATS, DEFAULT_AVATAR_SIZES } from '@cruddur/media/image';
import { AUTHORIZER_CACHE_TTL_SECONDS, FUNCTION_SIZING, UPLOAD_STATUS_POLL } from '@cruddur/shared/contract';
import { PRICES } from './prices';

/** What the code does per avatar change, read from its own constants. */
export interface CodeFacts {
  /** Renditions written per upload (sizes × formats). */
  renditions: number;
  /** The page's status polls until the outcome arrives `decisionSeconds` after the upload. */
  pollsPerUpload: number;
  /** Authorizer runs per upload: one, while its cache (keyed by the token) outlives the upload's requests. */
  authorizerRunsPerUpload: number;
  /** CloudFront invalidation paths per replaced avatar (one wildcard per superseded version). */
  invalidationPathsPerReplacement: number;
  /** "Object Deleted" events (renditions-deleted invocations) per replaced avatar: one per rendition. */
  deletionEventsPerReplacement: number;
}

/** What the model assumes (not in the code). */
export interface Assumptions {
  decisionSeconds: number;
  originalMb: number;
  renditionsKb: number;
  thumbnailSeconds: number;
  apiFunctionSeconds: number;
  profileFunctionSeconds: number;
  logKbPerInvocation: number;
  xraySampleShare: number;
  viewsPerAvatar: number;
  viewKb: number;
  replacedShare: number;
}

/** The assumptions of the README's table. */
export const ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
  decisionSeconds: 2,
  originalMb: 2,
  renditionsKb: 60,
  thumbnailSeconds: 1.5,
  apiFunctionSeconds: 0.05,
  profileFunctionSeconds: 0.1,
  logKbPerInvocation: 5,
  xraySampleShare: 0.05,
  viewsPerAvatar: 1,
  viewKb: 30,
  replacedShare: 1,
});

/** The page's polls until an outcome decided `seconds` after the upload (the contract's schedule). */
export function pollsUntil(seconds: number): number {
  let polls = 0;
  let elapsed = 0;
  for (let delay: number = UPLOAD_STATUS_POLL.firstDelayMs; elapsed < seconds * 1_000 && elapsed < UPLOAD_STATUS_POLL.timeoutMs; delay = Math.min(UPLOAD_STATUS_POLL.maxDelayMs, delay * UPLOAD_STATUS_POLL.factor)) {
    elapsed += delay;
    polls += 1;
  }
  return polls;
}

export function codeFacts(decisionSeconds = ASSUMPTIONS.decisionSeconds): CodeFacts {
  const renditions = DEFAULT_AVATAR_SIZES.length * AVATAR_FORMATS.length;
  // The upload's API calls (presign, polls, the profile reload) fall within the authorizer cache's TTL.
  const authorizerRunsPerUpload = decisionSeconds + 5 < AUTHORIZER_CACHE_TTL_SECONDS ? 1 : Math.ceil((decisionSeconds + 5) / AUTHORIZER_CACHE_TTL_SECONDS);
  return { renditions, pollsPerUpload: pollsUntil(decisionSeconds), authorizerRunsPerUpload, invalidationPathsPerReplacement: 1, deletionEventsPerReplacement: renditions };
}

export interface CostRow {
  item: string;
  usd: number;
}

const gb = (memoryMb: number) => memoryMb / 1024;

/**
 * The variable cost of one million avatar changes, row by row, from the code's facts, the
 * assumptions and the prices.
 *
 * @example
 * costPerMillion(codeFacts()).at(-1); // { item: 'Variable total', usd: … }
 */
export function costPerMillion(facts: CodeFacts, a: Readonly<Assumptions> = ASSUMPTIONS): CostRow[] {
  const M = 1e6;
  const replaced = a.replacedShare;
  const apiRequests = 1 + facts.pollsPerUpload + 1;
  const profileInvocations = facts.pollsPerUpload + 1 + 1; // status polls, the profile reload, the subscriber
  const deletions = facts.deletionEventsPerReplacement * replaced;
  const invocations = facts.authorizerRunsPerUpload + 1 + 1 + profileInvocations + deletions;
  const otherGbSeconds =
    facts.authorizerRunsPerUpload * gb(FUNCTION_SIZING.authorizer.memoryMb) * a.apiFunctionSeconds +
    gb(FUNCTION_SIZING.presign.memoryMb) * a.apiFunctionSeconds +
    profileInvocations * gb(FUNCTION_SIZING.getUploadStatus.memoryMb) * a.profileFunctionSeconds +
    deletions * gb(FUNCTION_SIZING.renditionsDeleted.memoryMb) * a.apiFunctionSeconds;
  const rows: CostRow[] = [
    { item: `HTTP API: ${apiRequests} requests per change (presign, ${facts.pollsPerUpload} status polls, the profile reload)`, usd: apiRequests * PRICES.httpApiPerMillion.usd },
    {
      item: `Lambda: thumbnail ${a.thumbnailSeconds} s at ${FUNCTION_SIZING.thumbnail.memoryMb} MB, and its request`,
      usd: M * gb(FUNCTION_SIZING.thumbnail.memoryMb) * a.thumbnailSeconds * PRICES.lambdaArmPerGbSecond.usd + PRICES.lambdaPerMillionRequests.usd,
    },
    {
      item: `Lambda: ${invocations - 1} other invocations per change (authorizer, presign, ${facts.pollsPerUpload} polls, profile reload, subscriber, ${deletions} rendition deletions)`,
      usd: M * otherGbSeconds * PRICES.lambdaArmPerGbSecond.usd + (invocations - 1) * PRICES.lambdaPerMillionRequests.usd,
    },
    { item: `S3: PUT the original and ${facts.renditions} renditions, LIST the user's renditions once`, usd: (1 + facts.renditions + 1) * 1_000 * PRICES.s3PutPerThousand.usd },
    { item: 'S3: GET the original (DELETEs are free)', usd: 1_000 * PRICES.s3GetPerThousand.usd },
    { item: `S3: storage of ${a.renditionsKb} KB of renditions per avatar for a month (superseded ones deleted)`, usd: ((M * a.renditionsKb) / 1e6) * PRICES.s3StoragePerGbMonth.usd },
    { item: 'SNS: one "avatar processed" publish (the Lambda delivery is free)', usd: PRICES.snsPublishPerMillion.usd },
    { item: `CloudWatch Logs: ${a.logKbPerInvocation} KB per invocation`, usd: ((M * (invocations + 1) * a.logKbPerInvocation) / 1e6) * PRICES.logsIngestPerGb.usd },
    { item: `X-Ray: ${a.xraySampleShare * 100} % of invocations traced`, usd: (invocations + 1) * a.xraySampleShare * PRICES.xrayPerMillionTraces.usd },
    {
      item: `CloudFront: ${a.viewsPerAvatar} view of ${a.viewKb} KB per avatar`,
      usd: ((M * a.viewsPerAvatar * a.viewKb) / 1e6) * PRICES.cloudFrontPerGbOut.usd + ((M * a.viewsPerAvatar) / 10_000) * PRICES.cloudFrontPerTenThousandHttps.usd,
    },
    {
      item: `CloudFront: ${facts.invalidationPathsPerReplacement} invalidation path per replaced avatar`,
      usd: Math.max(0, M * replaced * facts.invalidationPathsPerReplacement - 1_000) * PRICES.cloudFrontInvalidationPath.usd,
    },
  ];
  return [...rows, { item: 'Variable total', usd: rows.reduce((sum, row) => sum + row.usd, 0) }];
}

const dollars = (usd: number) => (usd >= 100 ? `$${Math.round(usd).toLocaleString('en-US')}` : `$${usd.toFixed(2)}`);

/** The Markdown table and its assumptions, as infra/README.md shows them. */
export function costTable(facts: CodeFacts = codeFacts()): string {
  const rows = costPerMillion(facts);
  const a = ASSUMPTIONS;
  const lines = [
    `Per 1 M avatar changes (each replaces an older avatar), generated by \`npx tsx tools/cost/src/main.ts table --write\` from the code's`,
    `constants (${facts.renditions} renditions, the page's poll schedule: ${facts.pollsPerUpload} polls for an outcome ${a.decisionSeconds} s after the upload,`,
    `the authorizer cache, the function sizes) and stated assumptions (a ${a.originalMb} MB original, thumbnail ${a.thumbnailSeconds} s, other functions`,
    `${a.apiFunctionSeconds * 1000}–${a.profileFunctionSeconds * 1000} ms, ${a.logKbPerInvocation} KB of logs per invocation); prices: us-east-1 list prices (tools/cost/src/prices.ts, with sources).`,
    '',
    '| Item | Per 1M changes |',
    '| --- | --- |',
    ...rows.map((row) => (row.item === 'Variable total' ? `| **${row.item}** | **${dollars(row.usd)}** |` : `| ${row.item} | ${dollars(row.usd)} |`)),
  ];
  return lines.join('\n');
}
