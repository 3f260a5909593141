import { isJsonObject as libraryIsJsonObject, safeJsonParse as librarySafeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { randomBytes } from 'node:crypto';
import { isJsonObject, safeJsonParse } from '../../src/safe-json-parse';

/** Own keys at every depth, so a kept `__proto__` (which `toEqual` may not see) shows up. */
function ownKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  return Object.getOwnPropertyNames(value).map((key) => [key, ownKeysDeep((value as Record<string, unknown>)[key])]);
}

function parseBoth(text: string): { ours: unknown; library: unknown } {
  const run = (parse: (s: string) => unknown) => {
    try {
      return { value: parse(text) };
    } catch (error) {
      return { threw: (error as Error).name };
    }
  };
  return { ours: run(safeJsonParse), library: run(librarySafeJsonParse) };
}

const hostile: ReadonlyArray<readonly [string, string]> = [
  ['__proto__ at the top', '{"__proto__":{"isAdmin":true},"sub":"a"}'],
  ['constructor at the top', '{"constructor":{"prototype":{"isAdmin":true}},"sub":"a"}'],
  ['__proto__ nested in an object', '{"a":{"b":{"__proto__":{"x":1}}}}'],
  ['__proto__ inside an array', '[{"__proto__":{"x":1}},{"y":2}]'],
  ['__proto__ spelled with \\u escapes', '{"\\u005f\\u005fproto\\u005f\\u005f":{"isAdmin":true}}'],
  ['constructor spelled with a \\u escape', '{"\\u0063onstructor":{"prototype":{"x":1}}}'],
  ['a mixed-case escape', '{"__pr\\u006Fto__":{"x":1}}'],
  ['the word only in a value', '{"note":"__proto__ and constructor are just words here"}'],
  ['an escaped quote before the word', '{"a":"\\"","__proto__":1}'],
  ['a duplicate key', '{"sub":"a","sub":"b"}'],
];

const plain: ReadonlyArray<readonly [string, string]> = [
  [
    'a Cognito access token payload',
    JSON.stringify({
      sub: '5b2c1e5e-2a51-4b5e-9c0e-3c6f4d8e1a2b',
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool',
      client_id: 'client',
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: 1700000000,
      exp: 1700003600,
      iat: 1700000000,
      username: 'alice',
      'cognito:groups': ['admins'],
    }),
  ],
  ['a JWT header', '{"alg":"RS256","kid":"abc","typ":"JWT"}'],
  ['unicode written out', '{"name":"Zoë 🦊","\\n":"\\t"}'],
  ['nested arrays and nulls', '{"a":[1,[2,[null,{"b":false}]]],"c":null}'],
  ['a number', '42'],
  ['a string', '"__proto__"'],
  ['null', 'null'],
];

const invalid: readonly string[] = ['', '{', '{"a":1,}', "{'a':1}", 'undefined', '{"a":1}x', '{"\\u00zz":1}'];

describe('safeJsonParse (aws-jwt-verify safe-json-parse, cheaper)', () => {
  it.each([...hostile, ...plain])('gives what aws-jwt-verify gives for %s', (_, text) => {
    const { ours, library } = parseBoth(text);
    expect(ownKeysDeep(ours)).toEqual(ownKeysDeep(library));
    expect(ours).toEqual(library);
  });

  it.each(hostile)('keeps no own __proto__ or constructor key for %s', (_, text) => {
    const keys = JSON.stringify(ownKeysDeep(safeJsonParse(text)));
    expect(keys).not.toContain('"__proto__"');
    expect(keys).not.toContain('"constructor"');
  });

  it('gives nothing that a merge could turn into a prototype', () => {
    // With plain JSON.parse the own __proto__ key would make Object.assign set the copy's prototype.
    const parsed = safeJsonParse('{"__proto__":{"polluted":true},"sub":"a"}') as Record<string, unknown>;
    const merged = Object.assign({}, parsed) as Record<string, unknown>;
    expect(merged['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged).toEqual({ sub: 'a' });
  });

  it.each(invalid)('throws a SyntaxError for %p, as aws-jwt-verify does', (text) => {
    expect(() => safeJsonParse(text)).toThrow(SyntaxError);
    expect(parseBoth(text).ours).toEqual(parseBoth(text).library);
  });

  it('agrees with aws-jwt-verify on 2 000 random objects with the dangerous words spliced in', () => {
    const words = ['__proto__', 'constructor', '\\u005f_proto__', 'construct\\u006fr', 'proto', 'sub', 'a\\u0062c'];
    for (let i = 0; i < 2000; i += 1) {
      const bytes = randomBytes(6);
      const key = (n: number) => words[(bytes[n] as number) % words.length];
      const text = `{"${key(0)}":{"${key(1)}":[{"${key(2)}":1}],"x":"${key(3)}"},"${key(4)}":null,"y":{"${key(5)}":{}}}`;
      const { ours, library } = parseBoth(text);
      expect(ownKeysDeep(ours)).toEqual(ownKeysDeep(library));
    }
  });

  it('tells JSON objects apart as aws-jwt-verify does', () => {
    for (const value of [{}, { a: 1 }, [], null, 'x', 1, true]) {
      expect(isJsonObject(value)).toBe(libraryIsJsonObject(value as never));
    }
  });
});
