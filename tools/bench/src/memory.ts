import { lambdaContext } from '@cruddur/shared/lambda-events';
import { type LocalS3 } from '@cruddur/testing/fixtures';
import type { BenchInput } from './inputs';
import { bundlePath } from './paths';
import { childEnv, runLambdaRunner } from './processes';
import type { Measurement } from './report';
import { TARGETS } from './targets';
import { stageUploads, thumbnailEnv } from './thumbnail/bench';

/**
 * Peak RSS of fresh processes that load the thumbnail bundle and handle one upload of `input`
 * (the largest of `runs`).
 */
export async function benchMemory(input: BenchInput, s3: LocalS3, runs: number): Promise<Measurement[]> {
  const peaks: number[] = [];
  const afterLoad: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const [event] = await stageUploads(s3, input, 1);
    const report = await runLambdaRunner(
      { bundle: bundlePath('thumbnail'), event, context: { ...lambdaContext({ functionName: 'thumbnail' }) } },
      childEnv(thumbnailEnv(s3)),
    );
    const summary = report.result as { processed?: number } | undefined;
    if (summary?.processed !== 1) throw new Error(`the memory run did not process ${input.label}: ${JSON.stringify(summary)}`);
    peaks.push((report.peakRssKb ?? report.maxRssKb ?? 0) / 1024);
    afterLoad.push((report.rssAfterLoadKb ?? 0) / 1024);
  }
  return [
    { section: 'memory', measure: 'RSS after loading the thumbnail bundle', value: Math.max(...afterLoad), unit: 'MB' },
    {
      section: 'memory',
      measure: `peak RSS, fresh process, one ${input.label}`,
      value: Math.max(...peaks),
      unit: 'MB',
      target: { op: '<=', value: TARGETS.peakRssMb },
      goal: 'budgets',
      note: `VmHWM at exit, largest of ${runs} run(s)`,
    },
  ];
}
