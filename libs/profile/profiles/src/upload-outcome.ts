import { type AvatarRejectedMessage, type UploadRejectionReason, isUploadRejectionReason } from '@cruddur/shared/contract';
import { uploadIdIssuedAt } from '@cruddur/storage/s3-keys';
import { type AvatarRecord, parseAvatarProcessedMessage } from './avatar';
import { InvalidAvatarMessageError } from './errors';

/** An upload the thumbnail refused, as its "avatar rejected" message tells it. */
export interface UploadRejection {
  sub: string;
  uploadId: string;
  reason: UploadRejectionReason;
  uploadedAt: Date | undefined;
  rejectedAt: Date | undefined;
}

/** What one message on the upload-outcome topic says. */
export type UploadOutcomeMessage =
  | { type: 'avatar.processed'; avatar: AvatarRecord; processedAt: Date | undefined; uploadedAt: Date | undefined }
  | { type: 'avatar.rejected'; rejection: UploadRejection };

type Fields<T> = { [K in keyof T]?: unknown };

function invalid(reason: string, cause?: unknown): InvalidAvatarMessageError {
  return new InvalidAvatarMessageError(`upload outcome message ${reason}`, { cause });
}

/** A message's time, when it is one; a bad or missing time is not worth dropping the outcome for. */
function timeOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

function parseRejection(message: Fields<AvatarRejectedMessage>): UploadRejection {
  if (message.schemaVersion !== 1) throw invalid('has an unknown schema version');
  const { sub, version, reason } = message;
  if (typeof sub !== 'string' || sub === '') throw invalid('has no sub');
  if (typeof version !== 'string' || uploadIdIssuedAt(version) === undefined) throw invalid('has no valid version');
  if (!isUploadRejectionReason(reason)) throw invalid('has no known reason');
  return { sub, uploadId: version, reason, uploadedAt: timeOf(message.uploadedAt), rejectedAt: timeOf(message.rejectedAt) };
}

/**
 * Reads a message of the thumbnail's topic: "avatar processed" (as `parseAvatarProcessedMessage`
 * reads it) or "avatar rejected".
 *
 * @throws InvalidAvatarMessageError for anything else, or a message of either type that is not well formed
 *
 * @example
 * const outcome = parseUploadOutcomeMessage(record.Sns.Message);
 */
export function parseUploadOutcomeMessage(text: string): UploadOutcomeMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalid('is not JSON', cause);
  }
  const fields = (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Fields<AvatarRejectedMessage> & { processedAt?: unknown };
  if (fields.type === 'avatar.rejected') return { type: 'avatar.rejected', rejection: parseRejection(fields) };
  return {
    type: 'avatar.processed',
    avatar: parseAvatarProcessedMessage(text),
    processedAt: timeOf(fields.processedAt),
    uploadedAt: timeOf(fields.uploadedAt),
  };
}
