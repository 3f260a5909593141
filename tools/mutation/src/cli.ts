import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';
import { loadConfig, reportDir, resolveProjects, type MutationProject } from './config';
import { MutationReportError, MutationUsageError } from './errors';
import { parseReport, summarize, type ProjectSummary } from './report';
import { renderTable, replaceTable, SCORES_PATH, TABLE_DOC, type ScoreRecord, type Scores } from './scores';
import { strykerOptions, type RunOptions } from './stryker-options';

export const USAGE = `Usage: npm run mutation -- <project> [<project> ...] [--concurrency N] [--incremental]
       npm run mutation -- --all [--concurrency N] [--incremental]
       npm run mutation -- list
       npm run mutation -- table [--write | --check]

Mutation-tests the security libs with StrykerJS (jest runner, perTest coverage), one project at a time.
Each run writes reports/mutation/<project>/index.html and mutation.json, prints the mutants the tests
let through, and records the score in ${SCORES_PATH}. The projects and the target score are in
tools/mutation/mutation.config.json.

  <project>         an Nx project listed in the config (see: list)
  --all             every listed project
  --concurrency N   test runner processes at once (default: cores - 1, at least 1)
  --incremental     re-test only the mutants whose code or covering tests changed since the last
                    --incremental run (Stryker's incremental mode, reports/mutation/<project>/stryker-incremental.json)
  --workspace DIR   the workspace to run in (default: the one this tool is in)
  list              the listed projects, their roots and last scores
  table             print the score table from ${SCORES_PATH}; --write puts it into ${TABLE_DOC}
                    between its markers, --check fails when ${TABLE_DOC}'s table is not current
  -h, --help        this text

Exit codes: 0 every project reached the target; 1 a project scored under it or Stryker failed; 2 bad usage.
`;

/** What the CLI needs from the world; main.ts gives the real ones, tests give their own. */
export interface CliDeps {
  readonly workspaceRoot: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Runs Stryker with these options (cwd = workspace root); resolves once its reports are written. */
  readonly runStryker: (options: PartialStrykerOptions) => Promise<void>;
  /** Short commit of the workspace, `+dirty` appended when it has uncommitted changes. */
  readonly commit: () => string;
  readonly today: () => string;
  readonly cores: number;
}

type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | { readonly kind: 'table'; readonly mode: 'print' | 'write' | 'check' }
  | { readonly kind: 'run'; readonly projects: readonly string[] | 'all'; readonly concurrency?: number; readonly incremental?: true };

/** Splits `--workspace DIR` off the command line (it applies to every command). */
export function splitWorkspace(argv: readonly string[]): { readonly workspace?: string; readonly rest: readonly string[] } {
  const at = argv.indexOf('--workspace');
  if (at < 0) return { rest: argv };
  const workspace = argv[at + 1];
  if (workspace === undefined || workspace.startsWith('-')) throw new MutationUsageError('--workspace needs a folder');
  return { workspace, rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

/**
 * Parses the command line.
 *
 * @example
 * parseArgs(['jwt', '--concurrency', '1']); // { kind: 'run', projects: ['jwt'], concurrency: 1 }
 */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new MutationUsageError('name a project (or --all); --help lists the options');
  if (argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  const [first, ...rest] = argv;
  if (first === 'list') {
    if (rest.length > 0) throw new MutationUsageError(`list takes no arguments, got ${rest.join(' ')}`);
    return { kind: 'list' };
  }
  if (first === 'table') {
    if (rest.length === 0) return { kind: 'table', mode: 'print' };
    if (rest.length === 1 && rest[0] === '--write') return { kind: 'table', mode: 'write' };
    if (rest.length === 1 && rest[0] === '--check') return { kind: 'table', mode: 'check' };
    throw new MutationUsageError(`table takes --write or --check, got ${rest.join(' ')}`);
  }
  const projects: string[] = [];
  let all = false;
  let concurrency: number | undefined;
  let incremental = false;
  const args = [...argv];
  for (let arg = args.shift(); arg !== undefined; arg = args.shift()) {
    if (arg === '--all') all = true;
    else if (arg === '--incremental') incremental = true;
    else if (arg === '--concurrency') {
      const value = args.shift();
      if (value === undefined || !/^[1-9][0-9]{0,2}$/.test(value)) throw new MutationUsageError('--concurrency needs a whole number from 1 to 999');
      concurrency = Number(value);
    } else if (arg.startsWith('-')) throw new MutationUsageError(`unknown option ${arg}; --help lists the options`);
    else projects.push(arg);
  }
  if (all && projects.length > 0) throw new MutationUsageError('give --all or project names, not both');
  if (!all && projects.length === 0) throw new MutationUsageError('name a project (or --all); --help lists the options');
  return {
    kind: 'run',
    projects: all ? 'all' : projects,
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(incremental ? { incremental: true as const } : {}),
  };
}

function readScores(root: string): Scores {
  const file = path.join(root, SCORES_PATH);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Scores) : {};
}

function survivorLines(summary: ProjectSummary): string[] {
  return summary.survivors.map(
    (s) => `  ${s.status === 'NoCoverage' ? 'no coverage' : 'survived'}  ${s.file}:${s.line}:${s.column}  ${s.mutator}${s.replacement ? ` → ${s.replacement.replace(/\s+/g, ' ').slice(0, 80)}` : ''}`,
  );
}

async function runProject(project: MutationProject, run: RunOptions, deps: CliDeps, target: number): Promise<ScoreRecord> {
  const reportFile = path.join(deps.workspaceRoot, reportDir(project.name), 'mutation.json');
  mkdirSync(path.dirname(reportFile), { recursive: true });
  deps.stdout(`mutation: ${project.name} (${project.root}), concurrency ${run.concurrency}${run.incremental ? ', incremental' : ''}\n`);
  await deps.runStryker(strykerOptions(project, run));
  if (!existsSync(reportFile)) throw new MutationReportError(`Stryker wrote no report at ${path.relative(deps.workspaceRoot, reportFile)}`);
  const summary = summarize(parseReport(JSON.parse(readFileSync(reportFile, 'utf8'))), deps.workspaceRoot);
  const lines = survivorLines(summary);
  deps.stdout(
    `mutation: ${project.name} ${summary.score.toFixed(1)} % (target ${target} %): ${summary.killed + summary.timeout} killed, ${summary.survived} survived, ${summary.noCoverage} no coverage\n` +
      (lines.length > 0 ? `${lines.join('\n')}\n` : '') +
      `mutation: report ${reportDir(project.name)}/index.html\n`,
  );
  const { killed, timeout, survived, noCoverage, invalid, ignored, score } = summary;
  return { killed, timeout, survived, noCoverage, invalid, ignored, score, root: project.root, commit: deps.commit(), date: deps.today() };
}

/**
 * Runs one command line; resolves to the exit code.
 *
 * @example
 * await runCli(['table', '--check'], deps); // 0 when docs/mutation-testing.md's table is current
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof MutationUsageError)) throw error;
    deps.stderr(`mutation: ${error.message}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    deps.stdout(USAGE);
    return 0;
  }
  const config = loadConfig(deps.workspaceRoot);
  const projects = resolveProjects(deps.workspaceRoot, config);
  const scores = readScores(deps.workspaceRoot);

  if (command.kind === 'list') {
    for (const project of projects) {
      const score = scores[project.name];
      deps.stdout(`${project.name}\t${project.root}\t${score ? `${score.score.toFixed(1)} % (${score.date}, ${score.commit})` : 'not measured'}\n`);
    }
    return 0;
  }
  if (command.kind === 'table') {
    const table = renderTable(config, projects, scores);
    if (command.mode === 'print') {
      deps.stdout(`${table}\n`);
      return 0;
    }
    const docPath = path.join(deps.workspaceRoot, TABLE_DOC);
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
    const { text, found } = replaceTable(doc, table);
    if (!found) {
      deps.stderr(`mutation: ${TABLE_DOC} has no mutation-scores markers to put the table between\n`);
      return 1;
    }
    if (command.mode === 'check') {
      if (text === doc) return 0;
      deps.stderr(`mutation: ${TABLE_DOC}'s mutation table is not current: run npm run mutation -- table --write\n`);
      return 1;
    }
    writeFileSync(docPath, text);
    deps.stdout(`mutation: ${TABLE_DOC} table written\n`);
    return 0;
  }

  const wanted = command.projects === 'all' ? projects.map((p) => p.name) : command.projects;
  const unknown = wanted.filter((name) => !projects.some((p) => p.name === name));
  if (unknown.length > 0) {
    deps.stderr(`mutation: not a mutation-tested project: ${unknown.join(', ')} (listed: ${projects.map((p) => p.name).join(', ')})\n`);
    return 2;
  }
  const concurrency = command.concurrency ?? Math.max(1, deps.cores - 1);
  let code = 0;
  const updated: Record<string, ScoreRecord> = { ...scores };
  for (const name of wanted) {
    const project = projects.find((p) => p.name === name) as MutationProject;
    try {
      const record = await runProject(project, { concurrency, incremental: command.incremental === true }, deps, config.target);
      updated[name] = record;
      writeFileSync(path.join(deps.workspaceRoot, SCORES_PATH), `${JSON.stringify(updated, null, 2)}\n`);
      if (record.score < config.target) code = 1;
    } catch (error) {
      deps.stderr(`mutation: ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
  }
  return code;
}
