import type { AvatarUploadTicket } from './api-client';
import { AvatarUploadError } from './errors';

/** The part of `XMLHttpRequest` the upload uses; tests pass a fake. */
export type UploadRequest = Pick<
  XMLHttpRequest,
  'upload' | 'onload' | 'onerror' | 'onabort' | 'ontimeout' | 'status' | 'responseText' | 'open' | 'setRequestHeader' | 'send'
>;

/** What S3's XML error answer says: `<Error><Code>…</Code><Message>…</Message></Error>`. */
export interface S3ErrorDetails {
  code?: string;
  message?: string;
}

function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match?.[1]?.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name] ?? '');
}

/**
 * Reads the code and message of an S3 error body (XML); empty when the body is something else.
 *
 * @example
 * s3ErrorDetails('<Error><Code>SignatureDoesNotMatch</Code></Error>'); // { code: 'SignatureDoesNotMatch' }
 */
export function s3ErrorDetails(body: string): S3ErrorDetails {
  const code = xmlText(body, 'Code');
  const message = xmlText(body, 'Message');
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

/**
 * What to tell the person when S3 refused the PUT. The presigned URL binds the content type,
 * length and expiry, so a refusal means the file changed, the link expired, or the file is too big.
 *
 * @example
 * throw s3UploadFailure(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
 */
export function s3UploadFailure(status: number, body: string): AvatarUploadError {
  const { code, message = '' } = s3ErrorDetails(body);
  const suffix = code ? ` (${code})` : ` (HTTP ${status})`;
  if (code === 'EntityTooLarge' || status === 413) {
    return new AvatarUploadError('too-large', `The upload failed: the file is too large${suffix}.`);
  }
  if (/expired/i.test(message) || code === 'ExpiredToken') {
    return new AvatarUploadError('rejected', `The upload failed: the upload link expired${suffix}. Please try again.`);
  }
  if (status === 403) {
    return new AvatarUploadError(
      'rejected',
      `The upload failed: storage refused the file${suffix}. It may have changed since you chose it; choose it again and retry.`,
    );
  }
  return new AvatarUploadError('rejected', `The upload failed${suffix}. Please try again.`);
}

/**
 * PUTs the file to the presigned URL with XMLHttpRequest, which (unlike `fetch`) reports upload
 * progress. Sends exactly the signed headers (`Content-Type`, the crop's `x-amz-meta-crop` when there
 * is one); the browser sets `Content-Length` itself.
 *
 * @throws AvatarUploadError with reason `rejected` (S3 said no), `too-large` or `network`
 *
 * @example
 * await uploadToS3(ticket, file, (fraction) => (progress.value = fraction), () => new XMLHttpRequest());
 */
export function uploadToS3(
  ticket: AvatarUploadTicket,
  file: Blob,
  onProgress: (fraction: number) => void,
  createRequest: () => UploadRequest,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = createRequest();
    const failedToSend = () =>
      reject(new AvatarUploadError('network', 'The upload failed: the connection to storage was lost. Please try again.'));
    request.open(ticket.method, ticket.url);
    // Every signed header (the crop's too) but Content-Length, which the browser sets and refuses to be given.
    for (const [name, value] of Object.entries(ticket.headers)) {
      if (value !== undefined && name.toLowerCase() !== 'content-length') request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(s3UploadFailure(request.status, request.responseText));
      }
    };
    request.onerror = failedToSend;
    request.ontimeout = failedToSend;
    request.onabort = () => reject(new AvatarUploadError('network', 'The upload was cancelled.'));
    request.send(file);
  });
}
