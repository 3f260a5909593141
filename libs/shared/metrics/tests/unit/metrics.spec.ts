import { AVATAR_METRICS, METRICS_NAMESPACE, metricDimensions } from '../../src';

describe('avatar metrics', () => {
  it('names every metric once, in PascalCase, in one namespace', () => {
    const names = Object.values(AVATAR_METRICS).map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(METRICS_NAMESPACE).toBe('Cruddur/Avatars');
  });

  it('addresses a series by the emitting service, and by reason where it has one', () => {
    expect(metricDimensions('uploadUrlsIssued')).toEqual({ service: 'presign' });
    expect(metricDimensions('uploadsRejected', 'corrupt')).toEqual({ service: 'thumbnail', reason: 'corrupt' });
    expect(metricDimensions('authorizerDenials', 'expired-token')).toEqual({ service: 'authorizer', reason: 'expired-token' });
  });
});
