import { spawn } from 'node:child_process';
import path from 'node:path';

const WORKSPACE = path.resolve(__dirname, '../../../..');

/** Runs `npx tsx tools/redrive/src/main.ts <args>` as its own process (asynchronously: the stack under test keeps serving). */
export function runRedrive(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(WORKSPACE, 'node_modules', '.bin', 'tsx'), ['tools/redrive/src/main.ts', ...args], {
      cwd: WORKSPACE,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
