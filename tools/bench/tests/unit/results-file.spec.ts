import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GOALS } from '../../src/goals';
import { WORKSPACE_ROOT } from '../../src/paths';
import { resultsMarkdown, type BenchReport } from '../../src/report';

describe('bench/RESULTS.md', () => {
  const dir = path.join(WORKSPACE_ROOT, 'bench');

  it('is exactly what the generator makes from bench/results.json (run npm run bench -- --render)', () => {
    const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
    expect(readFileSync(path.join(dir, 'RESULTS.md'), 'utf8')).toBe(resultsMarkdown(report));
  });

  it('comes from a run that knew every target', () => {
    const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
    expect(report.goals.map((goal) => goal.id)).toEqual(GOALS.map((goal) => goal.id));
  });
});
