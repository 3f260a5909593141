import { startLocalS3 } from '@cruddur/testing/fixtures';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EFFORT, HELP, parseBenchArgs, type BenchOptions } from './cli';
import { startLatencyProxy } from './latency-proxy';
import { WORKSPACE_ROOT } from './paths';
import { WORKER_FLAG } from './processes';
import { GOALS } from './goals';
import { SECTION_ORDER, formatTable, markOf, renderResultsFile, summaryLine, writeReport, type BenchReport, type Measurement } from './report';
import { FUNCTIONS, LAMBDA_MEMORY_HEADROOM, lambdaMemoryFor } from './targets';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
/** The input the cost is computed for: a phone photo. */
const JUDGED_LABEL = '12 MP JPEG';
const benchStarted = performance.now();
// Each line with the seconds since the start: where a run's time goes (--quick must stay under 3 minutes).
const log = (line: string) => process.stderr.write(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

function buildFunctions(): void {
  log(`building ${FUNCTIONS.join(', ')} (nx, cached when unchanged)…`);
  const nx = path.join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx');
  const result = spawnSync(nx, ['run-many', '-t', 'build', '-p', ...FUNCTIONS, '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('building the functions failed (run nx run-many -t build to see why)');
}

const loadAverage = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

async function bench(options: BenchOptions): Promise<BenchReport> {
  const effort = EFFORT[options.quick ? 'quick' : 'full'];
  const started = Date.now();
  const loadAtStart = loadAverage();
  if (options.build) buildFunctions();
  const wants = (section: BenchOptions['only'][number]) => options.only.includes(section);
  const measurements: Measurement[] = [];
  const notes: string[] = [];

  if (wants('bundles')) {
    const { benchBundles } = await import('./bundles');
    measurements.push(...benchBundles());
  }
  if (wants('authorizer')) {
    log('authorizer: handler vs verifier alone vs raw crypto.verify…');
    const { benchAuthorizer } = await import('./authorizer');
    measurements.push(...(await benchAuthorizer(effort.authorizerRounds, effort.authorizerRoundMs)));
  }

  const imageSections = wants('faces') || wants('thumbnail') || wants('memory') || wants('heic') || wants('cold-init') || wants('avatar-bytes');
  if (imageSections) {
    const { generateInputs, MEMORY_INPUT } = await import('./inputs');
    const inputDir = path.join(WORKSPACE_ROOT, 'tmp', 'bench', 'inputs');
    log('generating inputs…');
    const inputs = await generateInputs(inputDir);
    for (const input of inputs) log(`  ${input.name}: ${input.label}, ${(input.bytes / 1e6).toFixed(2)} MB`);
    const byName = (name: string) => {
      const input = inputs.find((i) => i.name === name);
      if (!input) throw new Error(`no input ${name}`);
      return input;
    };
    // s3rver keeps its objects in memory when it can: S3's storage is not this machine's disk.
    if (existsSync('/dev/shm')) process.env['TMPDIR'] = '/dev/shm';
    const s3 = await startLocalS3(['uploads', 'assets']);
    try {
      if (wants('faces')) {
        const { benchFaces } = await import('./faces');
        measurements.push(...(await benchFaces(s3, { dir: inputDir, rounds: effort.thumbnailRounds, coldRuns: Math.min(effort.coldInitRuns, 9), log })));
      }
      if (wants('avatar-bytes')) {
        log('avatar bytes at equal SSIM…');
        const { benchAvatarBytes, BYTES_PHOTOS } = await import('./avatar-bytes');
        for (const photo of BYTES_PHOTOS) measurements.push(...(await benchAvatarBytes(photo, { sweep: options.quick ? 'ours' : 'all' })));
      }
      if (wants('cold-init')) {
        log('cold init…');
        const { benchColdInit } = await import('./cold-init');
        measurements.push(...(await benchColdInit(s3, byName('jpeg-2mp'), effort.coldInitRuns)));
      }
      if (wants('memory')) {
        log('memory…');
        const { benchMemory } = await import('./memory');
        measurements.push(...(await benchMemory(byName(MEMORY_INPUT), s3, effort.memoryRuns)));
      }
      if (wants('heic')) {
        log('heic: 12 MP HEIC vs 12 MP JPEG through the thumbnail bundle…');
        const { benchHeic } = await import('./heic');
        measurements.push(...(await benchHeic(byName('jpeg-12mp'), s3, { runs: effort.memoryRuns, consecutive: options.quick ? 10 : 20, log })));
      }
      if (wants('thumbnail')) {
        log(`thumbnail: ${effort.thumbnailRounds} rounds of ${effort.thumbnailBatch} images per contender…`);
        const { benchThumbnail } = await import('./thumbnail/bench');
        const proxy = options.s3LatencyMs > 0 ? await startLatencyProxy(s3.endpoint, options.s3LatencyMs) : undefined;
        if (proxy) notes.push(`Thumbnail S3 contenders saw every s3rver response ${options.s3LatencyMs} ms late (--s3-latency).`);
        try {
          measurements.push(
            ...(await benchThumbnail(inputs, proxy ? { ...s3, endpoint: proxy.endpoint } : s3, {
              rounds: effort.thumbnailRounds,
              batch: effort.thumbnailBatch,
              log,
              naiveOnEveryInput: !options.quick,
            })),
          );
        } finally {
          await proxy?.close();
        }
        const { benchFraming } = await import('./thumbnail/framing');
        const framed = byName('jpeg-12mp');
        const handlerRate = measurements.find((m) => m.measure === `${framed.label}: handler, bundle + s3rver I/O`)?.value;
        measurements.push(...(await benchFraming(framed, effort.thumbnailRounds, log, handlerRate ? 1000 / handlerRate : undefined)));
      }
    } finally {
      await s3.close();
      rmSync(inputDir, { recursive: true, force: true });
    }
    notes.push(
      'Thumbnail: each contender runs in its own process, in interleaved rounds; the handler is the built ' +
        'bundle (dist/apps/thumbnail/index.js: its sharp JS from dist, the host\'s native sharp of the same ' +
        'version found through node_modules) serving real S3 events against s3rver running in the bench process.',
      'Cold init and memory: fresh `node` processes running tools/bench/src/runners/lambda-runner.cjs, plain ' +
        'JavaScript, so no TypeScript loader is measured; the authorizer\'s JWKS is answered from memory.',
    );
  }

  const judgedHandler = measurements.find((m) => m.section === 'thumbnail' && m.measure.endsWith(`${JUDGED_LABEL}: handler, bundle + s3rver I/O`));
  if (judgedHandler) {
    const { thumbnailCostRows } = await import('./cost');
    measurements.push(...thumbnailCostRows(1000 / judgedHandler.value, JUDGED_LABEL));
  }
  const peaks = measurements.filter((m) => m.section === 'memory' && m.measure.startsWith('peak RSS'));
  if (peaks.length > 0) {
    const peak = Math.max(...peaks.map((m) => m.value));
    measurements.push({
      section: 'memory',
      measure: `Lambda memory size for the highest peak (≤ ${Math.round(LAMBDA_MEMORY_HEADROOM * 100)} % used)`,
      value: lambdaMemoryFor(peak) ?? Number.NaN,
      unit: 'MB',
      goal: 'cost',
    });
  }
  if (wants('local-load')) {
    log(`local load: ${effort.loadSequential} uploads one at a time, ${effort.loadUrlRequests} upload URLs, ${effort.loadUploads} concurrent uploads of 12 MP on a spawned local stack…`);
    const { benchLocalLoad } = await import('./local-load-bench');
    const load = await benchLocalLoad({ urlRequests: effort.loadUrlRequests, uploads: effort.loadUploads, sequential: effort.loadSequential }, log);
    measurements.push(...load.measurements);
    notes.push(load.note);
  }
  const rows = measurements
    .map((m) => ({ ...m, mark: markOf(m) }))
    .sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
  for (const row of rows) if (row.note) notes.push(`${row.section}, ${row.measure}: ${row.note}.`);
  return {
    mode: options.quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      memoryMb: Math.round(os.totalmem() / 1024 ** 2),
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
    },
    rows,
    notes,
    goals: GOALS.map((goal) => ({ id: goal.id, ...(goal.number === undefined ? {} : { number: goal.number }), title: goal.title })),
    load: { start: loadAtStart, end: loadAverage() },
  };
}

async function runWorker(name: string | undefined, args: string[]): Promise<void> {
  if (name === 'thumbnail') {
    const { serveThumbnailWorker } = await import('./thumbnail/worker');
    serveThumbnailWorker(args[0] as 'handler' | 'bare' | 'naive');
  } else if (name === 'authorizer') {
    const { serveAuthorizerWorker } = await import('./authorizer');
    serveAuthorizerWorker();
  } else {
    throw new Error(`unknown worker ${name}`);
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === WORKER_FLAG) {
    await runWorker(argv[1], argv.slice(2));
    return -1;
  }
  const options = parseBenchArgs(argv);
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  if (options.render) {
    const written = renderResultsFile(path.resolve(WORKSPACE_ROOT, options.outDir));
    console.log(`written: ${path.relative(process.cwd(), written)}`);
    return 0;
  }
  const report = await bench(options);
  const written = writeReport(report, path.resolve(WORKSPACE_ROOT, options.outDir));
  console.log(formatTable(report.rows));
  console.log(`\n${summaryLine(report.rows)} (${report.mode} run, ${report.durationSeconds.toFixed(0)} s)`);
  console.log(`written: ${path.relative(process.cwd(), written.json)}, ${path.relative(process.cwd(), written.markdown)}`);
  return options.strict && report.rows.some((row) => row.mark === 'MISS') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
