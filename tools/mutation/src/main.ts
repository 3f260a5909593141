import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { runCli, splitWorkspace } from './cli';
import { MutationUsageError } from './errors';
import { TABLE_DOC } from './scores';

let args: readonly string[] = process.argv.slice(2);
let workspaceRoot = path.resolve(__dirname, '../../..');
try {
  const split = splitWorkspace(args);
  args = split.rest;
  if (split.workspace) workspaceRoot = path.resolve(split.workspace);
} catch (error) {
  if (!(error instanceof MutationUsageError)) throw error;
  process.stderr.write(`mutation: ${error.message}\n`);
  process.exit(2);
}

function commit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspaceRoot, encoding: 'utf8' }).trim();
  try {
    // The run's own outputs (the scores and their table) do not make the measured tree dirty.
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '.', ':!tools/mutation/scores.json', `:!${TABLE_DOC}`) ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

runCli(args, {
  workspaceRoot,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  async runStryker(options) {
    process.chdir(workspaceRoot);
    // Stryker is ESM only; this CLI runs as CommonJS under tsx.
    const { Stryker } = await import('@stryker-mutator/core');
    await new Stryker(options).runMutationTest();
  },
  commit,
  today: () => new Date().toISOString().slice(0, 10),
  cores: availableParallelism(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mutation: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
