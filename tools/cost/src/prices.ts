/**
 * AWS list prices the cost model uses: us-east-1, first tiers, in USD, each with where it is
 * published and when it was read. Check them before quoting a bill.
 */
export const PRICES = Object.freeze({
  httpApiPerMillion: { usd: 1.0, source: 'https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs, first 300M)', asOf: '2026-12' },
  lambdaArmPerGbSecond: { usd: 0.0000133334, source: 'https://aws.amazon.com/lambda/pricing/ (arm64)', asOf: '2026-12' },
  lambdaPerMillionRequests: { usd: 0.2, source: 'https://aws.amazon.com/lambda/pricing/', asOf: '2026-12' },
  s3PutPerThousand: { usd: 0.005, source: 'https://aws.amazon.com/s3/pricing/ (PUT, COPY, POST, LIST)', asOf: '2026-12' },
  s3GetPerThousand: { usd: 0.0004, source: 'https://aws.amazon.com/s3/pricing/ (GET, SELECT)', asOf: '2026-12' },
  s3StoragePerGbMonth: { usd: 0.023, source: 'https://aws.amazon.com/s3/pricing/ (Standard, first 50 TB)', asOf: '2026-12' },
  snsPublishPerMillion: { usd: 0.5, source: 'https://aws.amazon.com/sns/pricing/ (Lambda deliveries free)', asOf: '2026-12' },
  logsIngestPerGb: { usd: 0.5, source: 'https://aws.amazon.com/cloudwatch/pricing/ (Logs ingestion)', asOf: '2026-12' },
  xrayPerMillionTraces: { usd: 5.0, source: 'https://aws.amazon.com/xray/pricing/', asOf: '2026-12' },
  cloudFrontPerGbOut: { usd: 0.085, source: 'https://aws.amazon.com/cloudfront/pricing/ (North America, first 10 TB)', asOf: '2026-12' },
  cloudFrontPerTenThousandHttps: { usd: 0.01, source: 'https://aws.amazon.com/cloudfront/pricing/', asOf: '2026-12' },
  cloudFrontInvalidationPath: { usd: 0.005, source: 'https://aws.amazon.com/cloudfront/pricing/ (after 1 000 free paths a month)', asOf: '2026-12' },
});
