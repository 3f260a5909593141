import { httpApiEvent } from '@cruddur/shared/lambda-events';
import { callerIdentity } from '../../src';
import { MissingIdentityError } from '../../src/errors';

describe('callerIdentity', () => {
  it('reads sub and username from the authorizer context', () => {
    const event = httpApiEvent({ authorizer: { sub: 'abc', username: 'alice' } });
    expect(callerIdentity(event)).toEqual({ sub: 'abc', username: 'alice' });
  });

  it('refuses an event without authorizer context or with an empty sub', () => {
    expect(() => callerIdentity(httpApiEvent({ authorizer: null }))).toThrow(MissingIdentityError);
    expect(() => callerIdentity(httpApiEvent({ authorizer: { sub: '', username: 'x' } }))).toThrow(MissingIdentityError);
  });
});
