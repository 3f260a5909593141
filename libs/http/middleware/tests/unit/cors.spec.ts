import { originsFromEnv } from '../../src';
import { cors } from '../../src/cors';

describe('cors', () => {
  it('refuses wildcard origins', () => {
    expect(() => cors({ origins: ['*'] })).toThrow(TypeError);
    expect(() => cors({ origins: ['https://*.example.com'] })).toThrow(TypeError);
  });
});

describe('originsFromEnv', () => {
  it('splits, trims and drops empty entries', () => {
    expect(originsFromEnv(' https://a.example ,,http://localhost:5173 ')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(originsFromEnv(undefined)).toEqual([]);
  });
});
