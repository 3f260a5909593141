// jest globalTeardown of the e2e project: stops the shared stack (SIGTERM: it drains, then exits)
// and deletes its folder. E2E_LOG=1 prints the stack's log first, to explain a failure.
const { readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

module.exports = async function globalTeardown() {
  const shared = globalThis.__cruddurE2eStack;
  if (!shared) return;
  const { child, workDir } = shared;
  if (process.env.E2E_LOG) console.log(readFileSync(path.join(workDir, 'stack.log'), 'utf8'));
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  }
  rmSync(workDir, { recursive: true, force: true });
};
