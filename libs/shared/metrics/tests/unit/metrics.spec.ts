import { AVATAR_METRICS, LOCAL_STAGE, METRICS_NAMESPACE, STAGE_ENV, metricDimensionNames, metricDimensions, metricsStage } from '../../src';

describe('avatar metrics', () => {
  it('names every metric once, in PascalCase, in one namespace', () => {
    const names = Object.values(AVATAR_METRICS).map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(METRICS_NAMESPACE).toBe('Cruddur/Avatars');
  });

  it('addresses a series by the emitting service and the stage, and by reason where it has one', () => {
    expect(metricDimensions('uploadUrlsIssued', 'prod')).toEqual({ service: 'presign', stage: 'prod' });
    expect(metricDimensions('uploadsRejected', 'dev', 'corrupt')).toEqual({ service: 'thumbnail', stage: 'dev', reason: 'corrupt' });
    expect(metricDimensions('authorizerDenials', 'prod', 'expired-token')).toEqual({ service: 'authorizer', stage: 'prod', reason: 'expired-token' });
    expect(metricDimensionNames('uploadsRejected')).toEqual(['service', 'stage', 'reason']);
    expect(metricDimensionNames('avatarsRecorded')).toEqual(['service', 'stage']);
  });

  it('takes the stage from CRUDDUR_STAGE, else local (the local stack and tests)', () => {
    expect(metricsStage({ [STAGE_ENV]: 'prod' })).toBe('prod');
    expect(metricsStage({ [STAGE_ENV]: ' dev ' })).toBe('dev');
    expect(metricsStage({ [STAGE_ENV]: '' })).toBe(LOCAL_STAGE);
    expect(metricsStage({})).toBe('local');
  });
});
