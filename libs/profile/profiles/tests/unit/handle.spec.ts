import { HANDLE_PATTERN, defaultDisplayName, handleBase, handleCandidate, isHandleLookup } from '../../src/handle';

describe('handleBase', () => {
  it.each([
    ['andrew', 'andrew'],
    ['Andrew.Brown', 'andrewbrown'],
    ['Zoë_Smith-1', 'zoe_smith1'],
    ['a'.repeat(40), 'a'.repeat(30)],
    ['ab', 'user_ab'],
    ['李小龍', 'user'],
    ['', 'user'],
    ["x'; DROP TABLE users;--", 'xdroptableusers'],
  ])('turns %j into %j', (username, handle) => {
    expect(handleBase(username)).toBe(handle);
    expect(handleBase(username)).toMatch(HANDLE_PATTERN);
  });
});

describe('handleCandidate', () => {
  it('tries the base, then numbered handles that stay within 30 characters', () => {
    expect([1, 2, 3].map((n) => handleCandidate('andrew', n))).toEqual(['andrew', 'andrew2', 'andrew3']);
    const long = 'a'.repeat(30);
    expect(handleCandidate(long, 2)).toBe(`${'a'.repeat(29)}2`);
    expect(handleCandidate(long, 100)).toBe(`${'a'.repeat(27)}100`);
    expect(handleCandidate('user', 12)).toMatch(HANDLE_PATTERN);
  });
});

describe('isHandleLookup', () => {
  it.each([
    ['andrew', true],
    ['AndrewBrown', true],
    ['ab', false],
    ['a'.repeat(31), false],
    ["andrew' OR 1=1", false],
    ['andrew%', false],
  ])('%j → %s', (text, expected) => {
    expect(isHandleLookup(text)).toBe(expected);
  });
});

describe('defaultDisplayName', () => {
  it('keeps the username, without controls and cut to 50 characters, else the handle', () => {
    expect(defaultDisplayName('Andrew Brown', 'andrewbrown')).toBe('Andrew Brown');
    expect(defaultDisplayName('bad\u0000name\u202E', 'badname')).toBe('badname');
    expect(defaultDisplayName('🙂'.repeat(60), 'user')).toBe('🙂'.repeat(50));
    expect(defaultDisplayName(' \u200b ', 'user')).toBe('user');
  });
});
