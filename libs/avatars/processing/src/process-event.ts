import type { S3Event } from 'aws-lambda';
import { RetryableProcessingError } from './errors';
import { processAvatarUpload, type AvatarProcessorDeps, type RecordOutcome } from './process-upload';

/**
 * Processes every record of an S3 event. Rejected uploads are logged and skipped; if any record
 * failed for a reason that may pass, the whole event is failed after the others were tried, so
 * Lambda retries it (repeating the records that succeeded is harmless).
 *
 * @example
 * export const handler = async (event: S3Event) => processAvatarUploads(event, deps);
 */
export async function processAvatarUploads(event: S3Event, deps: AvatarProcessorDeps): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = [];
  const failures: { key: string; error: unknown }[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith('ObjectCreated:')) {
      deps.logger.warn('ignoring event that is not ObjectCreated', { eventName: record.eventName });
      continue;
    }
    try {
      outcomes.push(await processAvatarUpload(record, deps));
    } catch (error) {
      deps.logger.error('processing failed; the event will be retried', { key: record.s3.object.key, error });
      failures.push({ key: record.s3.object.key, error });
    }
  }
  if (failures.length > 0) {
    throw new RetryableProcessingError(`${failures.length} of ${event.Records.length} uploads failed`, failures, {
      cause: failures[0]?.error,
    });
  }
  return outcomes;
}
