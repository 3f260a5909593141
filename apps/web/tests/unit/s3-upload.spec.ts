import type { AvatarUploadTicket } from '../../src/api-client';
import { AvatarUploadError } from '../../src/errors';
import { type UploadRequest, s3ErrorDetails, s3UploadFailure, uploadToS3 } from '../../src/s3-upload';

const ticket: AvatarUploadTicket = {
  url: 'http://127.0.0.1:4569/uploads/avatars/x.jpg?X-Amz-Signature=abc',
  method: 'PUT',
  headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '5' },
  key: 'uploads/avatars/x.jpg',
  uploadId: '1767225600000-9f86d081884c7d65',
  expiresAt: '2026-01-01T00:05:00.000Z',
};

/** An XMLHttpRequest stand-in that records what was sent and is finished by the test. */
class FakeXhr {
  opened: [string, string] | undefined;
  headers: Record<string, string> = {};
  sent: Blob | undefined;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: Partial<ProgressEvent>) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;

  open(method: string, url: string) {
    this.opened = [method, url];
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: Blob) {
    this.sent = body;
  }

  answer(status: number, body = '') {
    this.status = status;
    this.responseText = body;
    this.onload?.();
  }
}

function start(onProgress = jest.fn(), signed: AvatarUploadTicket = ticket) {
  const xhr = new FakeXhr();
  const file = new Blob(['12345'], { type: 'image/jpeg' });
  const done = uploadToS3(signed, file, onProgress, () => xhr as unknown as UploadRequest);
  return { xhr, file, done, onProgress };
}

describe('uploadToS3', () => {
  it('PUTs the file with exactly the signed Content-Type, leaving Content-Length to the browser', async () => {
    const { xhr, file, done } = start();
    expect(xhr.opened).toEqual(['PUT', ticket.url]);
    expect(xhr.headers).toEqual({ 'Content-Type': 'image/jpeg' });
    expect(xhr.sent).toBe(file);
    xhr.answer(200);
    await expect(done).resolves.toBeUndefined();
  });

  it('sends the signed crop header too', async () => {
    const { xhr, done } = start(jest.fn(), { ...ticket, headers: { ...ticket.headers, 'x-amz-meta-crop': '0.5000,0.0000,0.5000,1.0000' } });
    expect(xhr.headers).toEqual({ 'Content-Type': 'image/jpeg', 'x-amz-meta-crop': '0.5000,0.0000,0.5000,1.0000' });
    xhr.answer(200);
    await expect(done).resolves.toBeUndefined();
  });

  it('reports upload progress as a fraction, ending at 1', async () => {
    const { xhr, done, onProgress } = start();
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 2, total: 5 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 3, total: 0 });
    xhr.answer(200);
    await done;
    expect(onProgress.mock.calls).toEqual([[0.4], [1]]);
  });

  it("turns S3's XML refusal into a clear message", async () => {
    const { xhr, done } = start();
    xhr.answer(403, '<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>');
    await expect(done).rejects.toMatchObject({
      name: 'AvatarUploadError',
      reason: 'rejected',
      message: expect.stringContaining('storage refused the file (SignatureDoesNotMatch)'),
    });
  });

  it('reports a lost connection as a network failure', async () => {
    const { xhr, done } = start();
    xhr.onerror?.();
    await expect(done).rejects.toMatchObject({ reason: 'network' });
  });
});

describe('s3UploadFailure', () => {
  it.each([
    [403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', 'rejected', 'the upload link expired (AccessDenied)'],
    [400, '<Error><Code>EntityTooLarge</Code></Error>', 'too-large', 'the file is too large (EntityTooLarge)'],
    [403, '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', 'rejected', 'storage refused the file (AccessDenied)'],
    [500, 'oops', 'rejected', 'The upload failed (HTTP 500). Please try again.'],
  ])('%i %s → %s', (status, body, reason, message) => {
    const failure = s3UploadFailure(status, body);
    expect(failure).toBeInstanceOf(AvatarUploadError);
    expect(failure.reason).toBe(reason);
    expect(failure.message).toContain(message);
  });

  it('reads escaped XML text', () => {
    expect(s3ErrorDetails('<Error><Code>X</Code><Message>a &lt;b&gt; &amp; c</Message></Error>')).toEqual({ code: 'X', message: 'a <b> & c' });
    expect(s3ErrorDetails('not xml')).toEqual({});
  });
});
