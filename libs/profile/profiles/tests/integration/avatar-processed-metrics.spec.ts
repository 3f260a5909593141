import { Logger } from '@aws-lambda-powertools/logger';
import type { Database } from '@cruddur/profile/db';
import { METRICS_NAMESPACE, metricDimensionNames } from '@cruddur/shared/metrics';
import { powertoolsAvatarMetrics } from '@cruddur/shared/observability';
import { lambdaContext, snsEvent } from '@cruddur/shared/lambda-events';
import { avatarProcessedMessage, uploadId, captureEmf, type EmfCapture } from '@cruddur/testing/fixtures';
import { avatarProcessedHandler, type AvatarProcessedDeps } from '../../src/avatar-processed-handler';
import { migratedDatabase } from '../helpers/database';

const SUB = '6a2f0c1e-93d4-4b8a-b1c2-0d9e8f7a6b5c';
const V1 = uploadId(1767225600000, 'aaaaaaaaaaaaaaaa');
const V2 = uploadId(1767225600001, '0000000000000000');
const logger = new Logger({ serviceName: 'profile', logLevel: 'SILENT' });

describe('avatarProcessed metrics (EMF on stdout, PGlite)', () => {
  let db: Database;
  let emf: EmfCapture;
  // What profileDepsFromEnv builds.
  const subscriber = (metrics: AvatarProcessedDeps['metrics'] = powertoolsAvatarMetrics({ service: 'profile', logger, stage: 'test' })) =>
    avatarProcessedHandler({ db, logger, metrics });

  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('TRUNCATE users');
    emf = captureEmf();
  });
  afterEach(() => emf.restore());

  it('counts each avatar recorded, not the repeated, older or unreadable messages', async () => {
    const summary = await subscriber()(
      snsEvent([avatarProcessedMessage(SUB, V2), avatarProcessedMessage(SUB, V2), avatarProcessedMessage(SUB, V1), 'not json']),
      lambdaContext(),
    );
    expect(summary).toEqual({ recorded: 1, stale: 2, rejected: 1 });

    const [doc, ...more] = emf.documents();
    expect(more).toEqual([]);
    expect(doc?._aws.CloudWatchMetrics).toEqual([
      { Namespace: METRICS_NAMESPACE, Dimensions: [metricDimensionNames('avatarsRecorded')], Metrics: [{ Name: 'AvatarsRecorded', Unit: 'Count' }] },
    ]);
    expect(doc).toMatchObject({ service: 'profile', AvatarsRecorded: 1 });
  });

  it('writes nothing when nothing was recorded', async () => {
    await subscriber()(snsEvent([avatarProcessedMessage(SUB, V1)]), lambdaContext());
    emf.clear();
    await subscriber()(snsEvent([avatarProcessedMessage(SUB, V1)]), lambdaContext());
    expect(emf.documents()).toEqual([]);
  });

  it('still records the avatar when the metrics cannot be flushed', async () => {
    const failing = { record: jest.fn(), recordReason: jest.fn(), flush: () => { throw new Error('stdout closed'); } };
    await expect(subscriber(failing)(snsEvent([avatarProcessedMessage(SUB, V1)]), lambdaContext())).resolves.toEqual({ recorded: 1, stale: 0, rejected: 0 });
    expect(failing.record).toHaveBeenCalledWith('avatarsRecorded');
  });
});
