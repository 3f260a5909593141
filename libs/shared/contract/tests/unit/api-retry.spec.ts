import { API_RETRY, UPLOAD_STATUS_POLL, isRetryableAnswer, retryAfterMs, retryDelayMs } from '../../src';

const NOW = Date.parse('2026-12-08T12:00:00Z');

describe('the API retry schedule', () => {
  it.each([
    ['GET', 429, true],
    ['POST', 429, true],
    ['DELETE', 429, true],
    ['GET', 503, true],
    ['HEAD', 503, true],
    ['POST', 503, false],
    ['PUT', 503, false],
    ['DELETE', 503, false],
    ['GET', 500, false],
    ['GET', 502, false],
    ['GET', 504, false],
    ['GET', 404, false],
    ['GET', 200, false],
  ])('%s answered %i: retry %s', (method, status, retry) => {
    expect(isRetryableAnswer(method, status)).toBe(retry);
  });

  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    expect(retryAfterMs('2', NOW)).toBe(2_000);
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    for (const unreadable of [null, undefined, '', '  ', '1.5', '-1', 'soon', 'Sun, 99 Xyz 2026 99:99:99 GMT']) expect(retryAfterMs(unreadable, NOW)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped, and stops after the last attempt', () => {
    const highest = (retry: number) => retryDelayMs(retry, null, NOW, () => 0.999_999);
    expect([1, 2, 3, 4].map(highest)).toEqual([499, 999, 1_999, 3_999]);
    expect(retryDelayMs(1, null, NOW, () => 0)).toBe(0);
    expect(retryDelayMs(2, null, NOW, () => 0.5)).toBe(500);
    expect(retryDelayMs(API_RETRY.attempts, null, NOW, () => 0.5)).toBeUndefined();
    expect(retryDelayMs(0, null, NOW)).toBeUndefined();
    expect(API_RETRY.firstDelayMs * API_RETRY.factor ** 10).toBeGreaterThan(API_RETRY.maxDelayMs);
  });

  it("waits what the server asks for, and not at all when it asks for longer than the page waits", () => {
    expect(retryDelayMs(1, '3', NOW, () => 0)).toBe(3_000);
    expect(retryDelayMs(3, String(API_RETRY.maxRetryAfterMs / 1_000), NOW)).toBe(API_RETRY.maxRetryAfterMs);
    expect(retryDelayMs(1, String(API_RETRY.maxRetryAfterMs / 1_000 + 1), NOW)).toBeUndefined();
    expect(retryDelayMs(1, '600', NOW)).toBeUndefined();
    expect(retryDelayMs(API_RETRY.attempts, '1', NOW)).toBeUndefined();
  });

  it('polls an upload at most once a second after the first seconds, for two minutes', () => {
    let delay: number = UPLOAD_STATUS_POLL.firstDelayMs;
    const waits: number[] = [];
    for (let elapsed = 0; elapsed < 5_000; elapsed += delay, delay = Math.min(UPLOAD_STATUS_POLL.maxDelayMs, delay * UPLOAD_STATUS_POLL.factor)) waits.push(delay);
    expect(waits.slice(0, 4)).toEqual([250, 375, 562.5, 843.75]);
    expect(Math.max(...waits)).toBe(1_000);
    expect(UPLOAD_STATUS_POLL.timeoutMs).toBe(120_000);
  });
});
