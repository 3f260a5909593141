import { METRICS_NAMESPACE } from '@cruddur/shared/metrics';
import { parseEmfDocument } from '@cruddur/testing/fixtures';
import { emfLineAvatarMetrics } from '../../src';
import { metricsDisabled } from '../../src/emf-line-metrics';

describe('EMF line metrics', () => {
  it('writes one valid EMF document per data point, at once', () => {
    const lines: string[] = [];
    const metrics = emfLineAvatarMetrics<'authorizer'>({ logger: { warn: jest.fn() }, write: (line) => void lines.push(line), now: () => 1_767_225_600_000, env: { CRUDDUR_STAGE: 'prod' } });
    metrics.recordReason('authorizerDenials', 'expired-token');
    metrics.flush();

    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(parseEmfDocument(lines[0]!)).toEqual({
      _aws: {
        Timestamp: 1_767_225_600_000,
        CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['service', 'stage', 'reason']], Metrics: [{ Name: 'AuthorizerDenials', Unit: 'Count' }] }],
      },
      service: 'authorizer',
      stage: 'prod',
      reason: 'expired-token',
      AuthorizerDenials: 1,
    });
  });

  it('logs and swallows a write that throws', () => {
    const warn = jest.fn();
    const metrics = emfLineAvatarMetrics<'authorizer'>({ logger: { warn }, write: () => { throw new Error('EPIPE'); } });
    expect(() => metrics.recordReason('authorizerDenials', 'missing-token')).not.toThrow();
    expect(warn).toHaveBeenCalledWith('metric not written', { metric: 'AuthorizerDenials', error: expect.objectContaining({ message: 'EPIPE' }) });
  });

  it.each([
    [{}, false],
    [{ POWERTOOLS_DEV: 'true' }, true],
    [{ POWERTOOLS_METRICS_DISABLED: 'true' }, true],
    [{ POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' }, false],
  ])('is turned off as powertools Metrics is: %j → disabled %s', (env, disabled) => {
    expect(metricsDisabled(env)).toBe(disabled);
    const lines: string[] = [];
    emfLineAvatarMetrics<'authorizer'>({ logger: { warn: jest.fn() }, write: (line) => void lines.push(line), env }).recordReason('authorizerDenials', 'missing-token');
    expect(lines).toHaveLength(disabled ? 0 : 1);
  });
});
