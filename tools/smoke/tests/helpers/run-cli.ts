import { spawn } from 'node:child_process';
import path from 'node:path';

const WORKSPACE = path.resolve(__dirname, '../../../..');
const MAIN = path.join(WORKSPACE, 'tools/smoke/src/main.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout's check lines by check name: `{ status, reason }`. */
  checks: Record<string, { status: string; reason: string }>;
}

/** The check lines of the CLI's output, by name. */
export function checkLines(stdout: string): CliRun['checks'] {
  const checks: CliRun['checks'] = {};
  for (const line of stdout.split('\n')) {
    const match = /^(pass|FAIL|warn|skip) {2}(\S+) +(.*)$/.exec(line);
    if (match) checks[match[2]!] = { status: match[1]!, reason: match[3]! };
  }
  return checks;
}

/**
 * Runs the smoke CLI as a child process (asynchronously: a stack in this process must keep
 * answering), with none of the SMOKE_ / CRUDDUR_ variables of the calling shell.
 */
export function runSmokeCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SMOKE_|CRUDDUR_)/.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: WORKSPACE, env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, checks: checkLines(stdout) }));
  });
}
