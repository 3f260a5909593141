// The shared e2e stack's process (started by global-setup.cjs through tsx): the local stack as
// `npm start` runs it, on free ports, serving the built page, seeded with every e2e file's users.
// It writes <dataDir>/stack.json when ready and stops on SIGTERM.
import path from 'node:path';
import { appendFileSync } from 'node:fs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the shared stack is the local stack, started through its public API as `npm start` does
import { startLocalStack } from '../../../local-stack/src/index';
import { ALL_E2E_USERS } from './e2e-users';

async function main(): Promise<void> {
  const [dataDir, logFile, webRoot] = process.argv.slice(2);
  if (!dataDir || !logFile || !webRoot) throw new Error('usage: run-stack.ts <dataDir> <logFile> <webRoot>');
  const stack = await startLocalStack({
    dataDir,
    ports: { web: 0, api: 0, s3: 0, cognito: 0, assets: 0, lambda: 0 },
    webRoot: path.resolve(webRoot),
    handlerLogLevel: 'SILENT',
    retryDelaysMs: [50, 100],
    users: ALL_E2E_USERS,
    log: (line) => appendFileSync(logFile, `${line}\n`),
  });
  process.once('SIGTERM', () => {
    void stack.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
