import type { ProfileHandler, SingleFunctionComponent } from './deployment';

/** Memory and timeout of one function: what infra deploys and what the local stack emulates. */
export interface FunctionSizing {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

/**
 * Memory and timeout per function (each single-function component and each profile handler), in one place. The thumbnail's memory is from bench/RESULTS.md:
 * peak RSS is ~97 MB fresh and ~277 MB warm (24 MP JPEG), and 224 MB for one 12 MP HEIC, 275 MB
 * after ten in one process (the libheif WASM heap stays at ~90 MB), so 512 MB would hold it; 1024 MB is
 * chosen because rendering is CPU-bound and Lambda CPU scales with memory: about half the latency
 * per avatar at about the same cost per image.
 *
 * @example
 * FUNCTION_SIZING.thumbnail.memoryMb; // 1024
 */
export const FUNCTION_SIZING = Object.freeze({
  // JWT verification with a cached JWKS; the HTTP API gives an authorizer at most 10 s.
  authorizer: { memoryMb: 256, timeoutSeconds: 5 },
  // Presigning is local crypto, no network call.
  presign: { memoryMb: 256, timeoutSeconds: 10 },
  thumbnail: { memoryMb: 1024, timeoutSeconds: 30 },
  // A cold start reads the secret and opens a TLS connection; 512 MB buys the CPU for that.
  // 15 s covers a paused Aurora Serverless v2 writer resuming (about 15 s) within the HTTP API's 30 s.
  getProfile: { memoryMb: 512, timeoutSeconds: 15 },
  getOwnProfile: { memoryMb: 512, timeoutSeconds: 15 },
  updateProfile: { memoryMb: 512, timeoutSeconds: 15 },
  getUploadStatus: { memoryMb: 512, timeoutSeconds: 15 },
  // Also lists and deletes the user's renditions in S3: a handful of requests after the database.
  removeAvatar: { memoryMb: 512, timeoutSeconds: 15 },
  avatarProcessed: { memoryMb: 512, timeoutSeconds: 30 },
  // One CloudFront API call per deleted rendition; outside the VPC, no database.
  renditionsDeleted: { memoryMb: 256, timeoutSeconds: 15 },
  // Waits for a paused database to resume, then applies every pending migration.
  migrate: { memoryMb: 512, timeoutSeconds: 300 },
} as const satisfies Record<SingleFunctionComponent | ProfileHandler, FunctionSizing>);

export type FunctionName = keyof typeof FUNCTION_SIZING;
