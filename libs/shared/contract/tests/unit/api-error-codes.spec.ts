// The fixed answers people read, and the error code a schema issue can carry: only a real code, as a string.
import { API_ERRORS, apiErrorCodeOf } from '../../src';

describe('API_ERRORS', () => {
  it('words the fixed refusals for people', () => {
    expect(API_ERRORS.unauthenticated).toEqual({ status: 401, message: 'authentication required' });
    expect(API_ERRORS['unsupported-body-type']).toEqual({ status: 415, message: 'body must be application/json' });
    expect(API_ERRORS.internal).toEqual({ status: 500, message: 'internal error' });
    expect(Object.isFrozen(API_ERRORS)).toBe(true);
  });
});

describe('apiErrorCodeOf', () => {
  it.each([
    ['a code wrapped in an array', { params: { apiError: ['upload-too-large'] } }],
    ['a code as an object that prints like one', { params: { apiError: { toString: (): string => 'upload-too-large' } } }],
    ['params without a code', { params: {} }],
    ['null params', { params: null }],
  ])('falls back to invalid-request for %s', (_, issue) => {
    expect(apiErrorCodeOf(issue)).toBe('invalid-request');
  });

  it('reads every listed code', () => {
    for (const code of Object.keys(API_ERRORS)) expect(apiErrorCodeOf({ params: { apiError: code } })).toBe(code);
  });
});
