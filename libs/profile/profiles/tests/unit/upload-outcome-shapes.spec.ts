// The thumbnail's topic carries "avatar processed" and "avatar rejected": a malformed rejection must
// never mark someone's upload (or another user's) rejected, and the log must say which rule it broke.
import { avatarProcessedMessage, avatarRejectedMessage, uploadId } from '@cruddur/testing/fixtures';
import { parseUploadOutcomeMessage } from '../../src/upload-outcome';
import { refusal as refusalOf } from '../helpers/refusal';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const VERSION = uploadId(1767225600000, '9f86d081884c7d65');
const rejected = avatarRejectedMessage(SUB, VERSION, 'corrupt');
const rejection = (fields: Record<string, unknown>) => JSON.stringify({ ...rejected, ...fields });

const refusal = (text: string) => refusalOf(parseUploadOutcomeMessage, text);

describe('parseUploadOutcomeMessage', () => {
  it('reads a rejection: whose upload, which, why, and when', () => {
    const text = rejection({ uploadedAt: '2026-12-01T11:59:00.000Z', rejectedAt: '2026-12-01T11:59:02.500Z', reason: 'too-large-in-pixels' });
    expect(parseUploadOutcomeMessage(text)).toEqual({
      type: 'avatar.rejected',
      rejection: { sub: SUB, uploadId: VERSION, reason: 'too-large-in-pixels', uploadedAt: new Date('2026-12-01T11:59:00.000Z'), rejectedAt: new Date('2026-12-01T11:59:02.500Z') },
    });
  });

  it.each([
    ['missing', undefined],
    ['not a time', 'soon'],
    ['a number', 1767225600000],
    ['null', null],
  ])('keeps a rejection whose times are %s, without them', (_, time) => {
    const { rejection: read } = parseUploadOutcomeMessage(rejection({ uploadedAt: time, rejectedAt: time })) as { rejection: { uploadedAt: unknown; rejectedAt: unknown } };
    expect(read).toMatchObject({ uploadedAt: undefined, rejectedAt: undefined });
  });

  it('reads a processed message with its times, and without them', () => {
    const processed = { ...avatarProcessedMessage(SUB, VERSION), uploadedAt: '2026-12-01T11:59:00.000Z', processedAt: '2026-12-01T11:59:01.000Z' };
    expect(parseUploadOutcomeMessage(JSON.stringify(processed))).toEqual({
      type: 'avatar.processed',
      avatar: expect.objectContaining({ sub: SUB, version: VERSION }),
      uploadedAt: new Date('2026-12-01T11:59:00.000Z'),
      processedAt: new Date('2026-12-01T11:59:01.000Z'),
    });
    const untimed = { ...processed, uploadedAt: 'earlier', processedAt: 42 };
    expect(parseUploadOutcomeMessage(JSON.stringify(untimed))).toMatchObject({ type: 'avatar.processed', uploadedAt: undefined, processedAt: undefined });
  });

  describe('refuses, saying why,', () => {
    it.each([
      ['another schema version', rejection({ schemaVersion: 2 }), 'has an unknown schema version'],
      ['the schema version as a string', rejection({ schemaVersion: '1' }), 'has an unknown schema version'],
      ['no sub', rejection({ sub: undefined }), 'has no sub'],
      ['an empty sub', rejection({ sub: '' }), 'has no sub'],
      ['a numeric sub', rejection({ sub: 42 }), 'has no sub'],
      ['no version', rejection({ version: undefined }), 'has no valid version'],
      ['a version that is not an upload id', rejection({ version: '../x' }), 'has no valid version'],
      ['a version wrapped in an array', rejection({ version: [VERSION] }), 'has no valid version'],
      ['an unknown reason', rejection({ reason: 'because' }), 'has no known reason'],
      ['no reason', rejection({ reason: undefined }), 'has no known reason'],
    ])('a rejection with %s', (_, text, reason) => {
      expect(refusal(text).message).toBe(`upload outcome message ${reason}`);
    });

    it('what is not JSON, keeping the parser error as the cause', () => {
      const error = refusal('{"type":"avatar.rejected"');
      expect(error.message).toBe('upload outcome message is not JSON');
      expect(error.cause).toBeInstanceOf(SyntaxError);
    });

    it.each([
      ['JSON null', 'null', 'is not a JSON object'],
      ['a JSON array of a rejection', JSON.stringify([rejected]), 'is not a JSON object'],
      ['a JSON string', '"avatar.rejected"', 'is not a JSON object'],
      ['another type', rejection({ type: 'avatar.deleted' }), 'has another type'],
    ])('%s, as the processed message it is not', (_, text, reason) => {
      expect(refusal(text).message).toBe(`avatar processed message ${reason}`);
    });
  });
});
