import { FUNCTION_SIZING } from '@cruddur/shared/contract';
import type { Measurement } from './report';

/**
 * AWS Lambda's arm64 duration price, us-east-1, first tier (USD per GB-second), as published since
 * Graviton2 Lambdas launched; check the pricing page before quoting a bill.
 */
export const ARM64_PRICE = Object.freeze({ usdPerGbSecond: 0.0000133334, asOf: '2021-09-29' });

/**
 * GB-seconds billed for a million invocations of `ms` each at `memoryMb`.
 *
 * @example
 * gbSecondsPerMillion(100, 1024); // 100 000: 1 GB × 0.1 s × 1 000 000
 */
export function gbSecondsPerMillion(ms: number, memoryMb: number): number {
  return (memoryMb / 1024) * (ms / 1000) * 1e6;
}

/**
 * The thumbnail's cost rows from a measured handler time per upload (this machine's cores, not a
 * Lambda's share of one: CPU scales with memory there).
 */
export function thumbnailCostRows(handlerMsPerUpload: number, inputLabel: string): Measurement[] {
  const memoryMb = FUNCTION_SIZING.thumbnail.memoryMb;
  const gbSeconds = gbSecondsPerMillion(handlerMsPerUpload, memoryMb);
  return [
    {
      section: 'cost',
      measure: `thumbnail GB-seconds per 1M uploads of a ${inputLabel} at ${memoryMb} MB`,
      value: gbSeconds,
      unit: 'GB-s',
      goal: 'cost',
      note: `${handlerMsPerUpload.toFixed(1)} ms per upload, the handler's median in this run`,
    },
    {
      section: 'cost',
      measure: `thumbnail duration cost per 1M uploads (arm64, $${ARM64_PRICE.usdPerGbSecond}/GB-s as of ${ARM64_PRICE.asOf})`,
      value: gbSeconds * ARM64_PRICE.usdPerGbSecond,
      unit: 'USD',
      goal: 'cost',
    },
  ];
}
