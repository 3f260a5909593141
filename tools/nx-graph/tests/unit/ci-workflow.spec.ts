import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../../src/affected';

const workflow = readFileSync(path.join(WORKSPACE_ROOT, '.github/workflows/ci.yml'), 'utf8');
const lines = workflow.split('\n');
const lineOf = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));

describe('.github/workflows/ci.yml', () => {
  it("keeps Nx's cache between runs, keyed by the lockfile and the commit", () => {
    const cache = lineOf(/uses: actions\/cache@v\d/);
    expect(cache).toBeGreaterThan(-1);
    const step = lines.slice(cache, cache + 8).join('\n');
    expect(step).toMatch(/path: \.nx\/cache/);
    // The path saved is the one Nx writes to: by default Nx 23 caches outside the clone.
    expect(workflow).toMatch(/\n {6}NX_CACHE_DIRECTORY: \.nx\/cache\n/);
    expect(step).toMatch(/key: .*hashFiles\('package-lock\.json'\).*\$\{\{ github\.sha \}\}/);
    expect(step).toMatch(/restore-keys: \|\n\s+nx-.*hashFiles\('package-lock\.json'\) \}\}-/);
  });

  it('restores the cache and prints the affected projects before any task runs', () => {
    const cache = lineOf(/uses: actions\/cache@v\d/);
    const shas = lineOf(/uses: nrwl\/nx-set-shas@v\d/);
    const show = lineOf(/npx nx show projects --affected/);
    const firstTask = lineOf(/npx nx (affected -t|run )/);
    expect(Math.min(cache, shas, show)).toBeGreaterThan(-1);
    expect(shas).toBeLessThan(show);
    expect(cache).toBeLessThan(firstTask);
    expect(show).toBeLessThan(firstTask);
  });

  it('runs the affected-set test on every change, and synth and the dry-run deploys of what a change touched', () => {
    expect(lineOf(/npx nx run nx-graph:affected-sets/)).toBeGreaterThan(-1);
    expect(lineOf(/npx nx affected -t synth/)).toBeGreaterThan(-1);
    expect(lineOf(/npx nx affected -t deploy/)).toBeGreaterThan(-1);
  });

  it('runs knip over the whole workspace on every change, not only when nx-graph is affected', () => {
    expect(lineOf(/npx nx run nx-graph:knip/)).toBeGreaterThan(-1);
  });

  it('runs the in-process tier of every affected project, then its integration and e2e tiers', () => {
    const unit = lineOf(/npx nx affected -t lint typecheck test build/);
    const heavier = lineOf(/npx nx affected -t integration e2e/);
    expect(unit).toBeGreaterThan(-1);
    expect(heavier).toBeGreaterThan(unit);
  });

  it('mutation-tests the affected security libs in a job of its own, one lib at a time', () => {
    const job = lineOf(/^ {2}mutation:$/);
    const run = lineOf(/npx nx affected -t mutation --parallel=1/);
    expect(job).toBeGreaterThan(-1);
    expect(run).toBeGreaterThan(job);
    expect(lineOf(/uses: nrwl\/nx-set-shas@v\d/) < run).toBe(true);
  });
});
