import { subjectNearLeftEdgeJpeg } from '@cruddur/testing/images';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childEnv, runLambdaRunner } from '../../src/processes';
import { bareSharpRenditions } from '../../src/thumbnail/contenders';

// The thumbnail's cold start is judged against lambda-runner.cjs's bare-sharp run: in a fresh
// `node` (no TypeScript loader) it must render what the bare contender renders.
describe("lambda-runner.cjs's bare-sharp run (the thumbnail's cold-start floor)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-bare-sharp-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads sharp, times it apart from the render, and reports the bare contender's four renditions", async () => {
    const input = await subjectNearLeftEdgeJpeg();
    const file = path.join(dir, 'input.jpg');
    writeFileSync(file, input);

    const report = await runLambdaRunner({ bareSharp: file }, childEnv());

    const expected = (await bareSharpRenditions(input)).map((output) => output.byteLength);
    expect(report.result).toEqual({ bytes: expected });
    expect(report.loadMs).toBeGreaterThan(0);
    expect(report.callMs).toBeGreaterThan(0);
  });
});
