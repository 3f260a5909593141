#!/usr/bin/env node
// `npm start`: installs the dependencies when node_modules is missing, then runs the local stack
// (apps/local-stack/src/main.ts) through tsx, passing the arguments and the exit code through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const main = path.join(root, 'apps/local-stack/src/main.ts');

if (!existsSync(path.join(root, 'node_modules/.bin/tsx'))) {
  console.log('node_modules is missing: running `npm ci` first.');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error('error: `npm ci` failed; fix that, then run `npm start` again.');
    process.exit(1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
// Ctrl-C reaches both processes; the stack stops itself. A signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal !== 'SIGINT') child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
