import { lambdaContext } from '@cruddur/shared/lambda-events';
import middy from '@middy/core';
import { publishMetrics, type AvatarMetrics } from '../../src';

const recorder = (flush: () => void): AvatarMetrics => ({ record: jest.fn(), recordReason: jest.fn(), flush });

describe('publishMetrics', () => {
  it('flushes after an answered and after a failed invocation', async () => {
    const flush = jest.fn();
    const logger = { warn: jest.fn() };
    await middy(async () => 'ok').use(publishMetrics(recorder(flush), logger))({}, lambdaContext());
    await expect(
      middy(async () => {
        throw new Error('boom');
      }).use(publishMetrics(recorder(flush), logger))({}, lambdaContext()),
    ).rejects.toThrow('boom');
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('never fails the request when the flush throws', async () => {
    const logger = { warn: jest.fn() };
    const metrics = recorder(() => {
      throw new Error('stdout closed');
    });
    await expect(middy(async () => 'ok').use(publishMetrics(metrics, logger))({}, lambdaContext())).resolves.toBe('ok');
    expect(logger.warn).toHaveBeenCalledWith('metrics not flushed', { error: expect.objectContaining({ message: 'stdout closed' }) });
  });
});
