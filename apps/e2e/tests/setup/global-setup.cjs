// jest globalSetup of the e2e project: starts the one shared local stack in a child process (tsx
// resolves the workspace's @cruddur/* paths there) and hands its description to the test files
// through CRUDDUR_E2E_STACK (its stack.json) and CRUDDUR_E2E_LOG (its log).
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const WORKSPACE = path.resolve(__dirname, '../../../..');
const WEB_ROOT = path.join(WORKSPACE, 'dist/apps/web');
const HANG_MS = 300_000;

module.exports = async function globalSetup() {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error('dist/apps/web is missing: run `NX_DAEMON=false npx nx run web:build` (the e2e target does it first).');
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'cruddur-e2e-'));
  const dataDir = path.join(workDir, 'stack');
  const logFile = path.join(workDir, 'stack.log');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'run-stack.ts'), dataDir, logFile, WEB_ROOT], {
    cwd: WORKSPACE,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  globalThis.__cruddurE2eStack = { child, workDir };
  const stackFile = path.join(dataDir, 'stack.json');
  // Ready is the stack's own announcement (stack.json, written whole); its exit first is a failure,
  // and so is a stack that neither announces nor exits within HANG_MS (a bound on a hang, not a timing).
  await new Promise((resolve, reject) => {
    const done = () => {
      clearInterval(poll);
      clearTimeout(hang);
      child.off('exit', exited);
    };
    const poll = setInterval(() => {
      if (existsSync(stackFile)) {
        done();
        resolve(undefined);
      }
    }, 100);
    const hang = setTimeout(() => {
      done();
      child.kill('SIGKILL');
      reject(new Error(`the shared e2e stack was not ready after ${HANG_MS / 1000} s; its log: ${logFile}`));
    }, HANG_MS);
    const exited = (code, signal) => {
      done();
      reject(new Error(`the shared e2e stack exited (${code ?? signal}) before it was ready; its log: ${logFile}`));
    };
    child.once('exit', exited);
  });
  process.env.CRUDDUR_E2E_STACK = stackFile;
  process.env.CRUDDUR_E2E_LOG = logFile;
};
