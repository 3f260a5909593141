const { scoreRow, withRow, strykerPlugins, strykerValidationSchema } = require('../../src/score-table.cjs');

const metrics = (over: Partial<Record<'mutationScore' | 'killed' | 'timeout' | 'survived' | 'noCoverage', number>> = {}) => ({
  mutationScore: 100,
  killed: 150,
  timeout: 4,
  survived: 0,
  noCoverage: 0,
  ...over,
});

const doc = (rows: string[]) =>
  [
    '# Mutation testing',
    '',
    '<!-- mutation-scores:start -->',
    '| lib | mutation score | killed | survived | no coverage | measured |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '<!-- mutation-scores:end -->',
    '',
    'After the table.',
    '',
  ].join('\n');

describe('scoreRow', () => {
  it('counts killed and timed-out mutants as detected, and the undetected ones apart', () => {
    expect(scoreRow('libs/storage/s3-keys', metrics({ killed: 150, timeout: 4, survived: 2, noCoverage: 1 }), '2026-12-08, 135eb81')).toBe(
      '| `libs/storage/s3-keys` | 100.0 % | 154 | 2 | 1 | 2026-12-08, 135eb81 |',
    );
  });

  it('rounds the score down to 0.1, so a near miss never shows as the target', () => {
    expect(scoreRow('libs/a', metrics({ mutationScore: 94.99 }), 'x')).toContain('| 94.9 % |');
    expect(scoreRow('libs/a', metrics({ mutationScore: 97.75 }), 'x')).toContain('| 97.7 % |');
  });

  it('says so when there was no mutant to score', () => {
    expect(scoreRow('libs/a', metrics({ mutationScore: Number.NaN, killed: 0, timeout: 0 }), 'x')).toBe('| `libs/a` | no mutants | 0 | 0 | 0 | x |');
  });
});

describe('withRow', () => {
  const jwt = '| `libs/auth/jwt` | 99.4 % | 387 | 2 | 0 | old |';
  const s3 = '| `libs/storage/s3-keys` | 100.0 % | 154 | 0 | 0 | old |';

  it("replaces the lib's row and leaves the others and the rest of the document", () => {
    const row = '| `libs/auth/jwt` | 98.0 % | 380 | 9 | 0 | new |';
    expect(withRow(doc([jwt, s3]), 'libs/auth/jwt', row)).toBe(doc([row, s3]));
  });

  it('adds the row of a lib the table does not have yet at its end', () => {
    const row = '| `libs/new` | 96.0 % | 24 | 1 | 0 | new |';
    expect(withRow(doc([jwt, s3]), 'libs/new', row)).toBe(doc([jwt, s3, row]));
  });

  it('does not take a lib whose root only starts like another for it', () => {
    const row = '| `libs/auth` | 96.0 % | 24 | 1 | 0 | new |';
    expect(withRow(doc([jwt]), 'libs/auth', row)).toBe(doc([jwt, row]));
  });

  it('refuses a document without the markers', () => {
    expect(() => withRow('# no table\n', 'libs/a', '| `libs/a` |')).toThrow(/no <!-- mutation-scores:start --> … <!-- mutation-scores:end --> markers/);
  });

  it('the table in docs/mutation-testing.md has a row for each mutation-tested lib', () => {
    const { readFileSync } = require('node:fs');
    const path = require('node:path');
    const text: string = readFileSync(path.resolve(__dirname, '../../../../docs/mutation-testing.md'), 'utf8');
    const roots = [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
    expect(roots).toEqual(['libs/auth/jwt', 'libs/storage/s3-keys', 'libs/avatars/upload', 'libs/http/middleware', 'libs/shared/contract', 'libs/profile/profiles']);
  });
});

it('is a Stryker reporter plugin that declares its option', () => {
  expect(strykerPlugins).toEqual([{ kind: 'Reporter', name: 'score-table', factory: expect.any(Function) }]);
  expect(strykerPlugins[0].factory.inject).toEqual(['options']);
  expect(strykerValidationSchema.properties.scoreTable.required).toEqual(['root']);
});
