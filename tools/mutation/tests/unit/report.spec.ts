import { MutationReportError } from '../../src/errors';
import { countMutants, parseReport, summarize, type ReportMutant } from '../../src/report';

const at = (line: number, column = 1) => ({ start: { line, column } });
const mutant = (status: ReportMutant['status'], line = 1, mutatorName = 'StringLiteral', replacement = '""'): ReportMutant => ({
  status,
  mutatorName,
  replacement,
  location: at(line),
});

describe('countMutants', () => {
  it('scores detected (killed + timeout) over detected + survived + no coverage, rounded down to 0.1', () => {
    const counts = countMutants([mutant('Killed'), mutant('Timeout'), mutant('Survived'), mutant('NoCoverage'), mutant('Killed'), mutant('Killed')]);
    expect(counts).toEqual({ killed: 3, timeout: 1, survived: 1, noCoverage: 1, invalid: 0, ignored: 0, score: 66.6 });
  });

  it('leaves compile errors, runtime errors and ignored mutants out of the score', () => {
    const counts = countMutants([mutant('Killed'), mutant('CompileError'), mutant('RuntimeError'), mutant('Ignored'), mutant('Pending')]);
    expect(counts).toMatchObject({ invalid: 2, ignored: 1, score: 100 });
  });

  it('does not round a near miss up to the target', () => {
    const mutants = [...Array.from({ length: 949 }, () => mutant('Killed')), ...Array.from({ length: 51 }, () => mutant('Survived'))];
    expect(countMutants(mutants).score).toBe(94.9);
  });

  it('is 100 with nothing to mutate, 0 with nothing detected', () => {
    expect(countMutants([]).score).toBe(100);
    expect(countMutants([mutant('Survived'), mutant('NoCoverage')]).score).toBe(0);
  });
});

describe('parseReport', () => {
  it.each([
    [null, 'not a Stryker mutation report: no "files" object'],
    [{}, 'not a Stryker mutation report: no "files" object'],
    [{ files: { 'a.ts': {} } }, 'not a Stryker mutation report: a.ts has no "mutants" list'],
    [{ files: { 'a.ts': { mutants: [{ status: 'Dead', mutatorName: 'X', location: at(1) }] } } }, 'not a Stryker mutation report: a.ts has a mutant with status "Dead"'],
    [{ files: { 'a.ts': { mutants: [{ status: 'Killed', location: at(1) }] } } }, 'not a Stryker mutation report: a.ts has a mutant without mutatorName or location'],
    [{ files: { 'a.ts': { mutants: [{ status: 'Killed', mutatorName: 'X' }] } } }, 'not a Stryker mutation report: a.ts has a mutant without mutatorName or location'],
  ])('refuses %j', (document, message) => {
    expect(() => parseReport(document)).toThrow(new MutationReportError(message));
  });

  it('accepts a report of the schema', () => {
    const document = { schemaVersion: '2', files: { 'a.ts': { language: 'typescript', source: '', mutants: [mutant('Killed')] } } };
    expect(parseReport(document)).toBe(document);
  });
});

describe('summarize', () => {
  it('makes paths relative, totals per file and lists survivors in file and line order', () => {
    const summary = summarize(
      {
        files: {
          '/repo/libs/b/src/b.ts': { mutants: [mutant('Survived', 9, 'EqualityOperator', 'a <= b'), mutant('NoCoverage', 2)] },
          '/repo/libs/a/src/a.ts': { mutants: [mutant('Killed', 1), mutant('Survived', 4, 'ConditionalExpression', 'true')] },
        },
      },
      '/repo',
    );
    expect(Object.keys(summary.files)).toEqual(['libs/a/src/a.ts', 'libs/b/src/b.ts']);
    expect(summary.files['libs/a/src/a.ts']?.score).toBe(50);
    expect(summary.score).toBe(25);
    expect(summary.survivors).toEqual([
      { file: 'libs/a/src/a.ts', line: 4, column: 1, mutator: 'ConditionalExpression', replacement: 'true', status: 'Survived' },
      { file: 'libs/b/src/b.ts', line: 2, column: 1, mutator: 'StringLiteral', replacement: '""', status: 'NoCoverage' },
      { file: 'libs/b/src/b.ts', line: 9, column: 1, mutator: 'EqualityOperator', replacement: 'a <= b', status: 'Survived' },
    ]);
  });
});
