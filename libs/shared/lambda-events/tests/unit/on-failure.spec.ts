import { functionErrorPayload, onFailureRecord } from '../../src';

describe('onFailureRecord', () => {
  it('is the record Lambda writes to an on-failure destination after the retries', () => {
    const now = new Date('2026-12-01T08:00:00.000Z');
    const record = onFailureRecord({ functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail', payload: { Records: [] }, error: new RangeError('too big'), invokeCount: 3, now });
    expect(record).toMatchObject({
      version: '1.0',
      timestamp: '2026-12-01T08:00:00.000Z',
      requestContext: { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbnail:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { Records: [] },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'RangeError', errorMessage: 'too big' },
    });
    expect(record.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes a thrown value that is not an Error', () => {
    expect(functionErrorPayload('boom')).toEqual({ errorType: 'Error', errorMessage: 'boom' });
  });
});
