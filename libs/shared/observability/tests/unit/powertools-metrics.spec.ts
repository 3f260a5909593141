import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, metricDimensionNames } from '@cruddur/shared/metrics';
import { captureEmf, type EmfCapture } from '@cruddur/testing/fixtures';
import { powertoolsAvatarMetrics } from '../../src';

const logger = () => ({ warn: jest.fn() });
let emf: EmfCapture;
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => emf.restore());

describe('powertools metrics', () => {
  it('buffers counts and durations until flush, then writes one EMF document with the service and stage dimensions', () => {
    const metrics = powertoolsAvatarMetrics({ service: 'thumbnail', logger: logger(), stage: 'test' });
    metrics.record('uploadsProcessed');
    metrics.record('processingDuration', 420);
    expect(emf.documents()).toEqual([]);

    metrics.flush();
    const [doc] = emf.documents();
    expect(doc?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [metricDimensionNames('uploadsProcessed')],
        Metrics: [
          { Name: 'UploadsProcessed', Unit: 'Count' },
          { Name: 'ProcessingDuration', Unit: 'Milliseconds' },
        ],
      },
    ]);
    expect(doc).toMatchObject({ service: 'thumbnail', stage: 'test', UploadsProcessed: 1, ProcessingDuration: 420 });
  });

  it('writes a per-reason count at once, as its own document with the reason dimension only there', () => {
    const metrics = powertoolsAvatarMetrics({ service: 'thumbnail', logger: logger(), stage: 'test' });
    metrics.record('uploadsProcessed');
    metrics.recordReason('uploadsRejected', 'corrupt');
    expect(emf.dataPoints()).toEqual([
      { namespace: METRICS_NAMESPACE, metric: 'UploadsRejected', unit: 'Count', dimensions: { service: 'thumbnail', stage: 'test', reason: 'corrupt' }, value: 1 },
    ]);
    metrics.flush();
    expect(emf.dataPoints()[1]).toEqual({ namespace: METRICS_NAMESPACE, metric: 'UploadsProcessed', unit: 'Count', dimensions: { service: 'thumbnail', stage: 'test' }, value: 1 });
  });

  it('writes nothing and warns nothing on a flush with nothing recorded', () => {
    const log = logger();
    const warn = jest.spyOn(console, 'warn');
    powertoolsAvatarMetrics({ service: 'presign', logger: log, stage: 'test' }).flush();
    expect(emf.documents()).toEqual([]);
    expect(log.warn).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('logs and swallows a metric or a flush that throws', () => {
    const log = logger();
    const inner = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'thumbnail' });
    const metrics = powertoolsAvatarMetrics({ service: 'thumbnail', logger: log, stage: 'test', metrics: inner });
    jest.spyOn(inner, 'addMetric').mockImplementationOnce(() => {
      throw new RangeError('bad metric');
    });
    jest.spyOn(inner, 'publishStoredMetrics').mockImplementationOnce(() => {
      throw new Error('stdout closed');
    });

    expect(() => metrics.record('uploadsProcessed')).not.toThrow();
    metrics.record('uploadsProcessed');
    expect(() => metrics.flush()).not.toThrow();
    expect(log.warn).toHaveBeenCalledWith('metric not written', { metric: 'UploadsProcessed', error: expect.any(RangeError) });
    expect(log.warn).toHaveBeenCalledWith('metric not written', { metric: '(flush)', error: expect.objectContaining({ message: 'stdout closed' }) });
  });
});
