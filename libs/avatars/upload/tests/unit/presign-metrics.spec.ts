import { Logger } from '@aws-lambda-powertools/logger';
import { METRICS_NAMESPACE, metricDimensionNames } from '@cruddur/shared/metrics';
import { powertoolsAvatarMetrics } from '@cruddur/shared/observability';
import { httpApiEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { captureEmf, type EmfCapture } from '@cruddur/testing/fixtures';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { UploadUrlSigner, createPresignHandler } from '../../src';
import { type PresignHandlerDeps } from '../../src/presign-handler';

const ORIGIN = 'http://localhost:5173';
const logger = new Logger({ serviceName: 'presign', logLevel: 'SILENT' });
const config = { bucket: 'uploads', region: 'us-east-1', maxBytes: 10 * 1024 * 1024, expiresInSeconds: 300 };

function route(metrics: PresignHandlerDeps['metrics'] = powertoolsAvatarMetrics({ service: 'presign', logger, stage: 'test' })) {
  return createPresignHandler({
    signer: new UploadUrlSigner(config, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
    config,
    logger,
    origins: [ORIGIN],
    metrics,
  });
}

async function call(handler: ReturnType<typeof route>, body: unknown) {
  const event = httpApiEvent({ routeKey: 'POST /avatars/key_upload', body, headers: { origin: ORIGIN }, authorizer: { sub: 'user-1', username: 'alice' } });
  return (await handler(event as never, lambdaContext())) as APIGatewayProxyStructuredResultV2;
}

let emf: EmfCapture;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('presign metrics (EMF on stdout)', () => {
  it('counts each upload URL issued, one document per invocation', async () => {
    const handler = route();
    expect((await call(handler, { contentType: 'image/jpeg', contentLength: 2_000_000 })).statusCode).toBe(200);
    expect((await call(handler, { contentType: 'image/png', contentLength: 1000 })).statusCode).toBe(200);

    const docs = emf.documents();
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc._aws.CloudWatchMetrics).toEqual([
        { Namespace: METRICS_NAMESPACE, Dimensions: [metricDimensionNames('uploadUrlsIssued')], Metrics: [{ Name: 'UploadUrlsIssued', Unit: 'Count' }] },
      ]);
      expect(doc).toMatchObject({ service: 'presign', UploadUrlsIssued: 1 });
    }
  });

  it('counts nothing for a refused request', async () => {
    expect((await call(route(), { contentType: 'image/svg+xml', contentLength: 100 })).statusCode).toBe(415);
    expect(emf.documents()).toEqual([]);
  });

  it('still answers 200 when the metrics cannot be flushed', async () => {
    const failing = { record: jest.fn(), recordReason: jest.fn(), flush: () => { throw new Error('stdout closed'); } };
    const res = await call(route(failing), { contentType: 'image/jpeg', contentLength: 10 });
    expect(res.statusCode).toBe(200);
    expect(failing.record).toHaveBeenCalledWith('uploadUrlsIssued');
  });
});
