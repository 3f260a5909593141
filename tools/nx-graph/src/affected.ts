import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AffectedDataError, NxCommandError } from './errors';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
/** The one place the expected affected sets live (the test asserts them, the CI table in docs/testing.md shows them). */
export const DATA_FILE = path.join(WORKSPACE_ROOT, 'tools/nx-graph/affected-sets.json');

/** One row: a change to `files` and the projects (and, per target, the tasks) it must select. */
export interface AffectedRow {
  files: string[];
  /** Why the set is what it is, in a few words (shown in the CI table, docs/testing.md). */
  why: string;
  /** What `nx show projects --affected --files=…` answers today, sorted. */
  affected: string[];
  /** Per target name, the affected projects that have it (`--withTarget`), sorted. */
  withTarget?: Record<string, string[]>;
  /** The set this change should select, when today's differs from it (what the CI table's status compares with). */
  target?: string[];
  /** What has to land before `affected` can become `target`. */
  blockedBy?: string;
}

/** What one row measures as today. */
export interface MeasuredRow {
  affected: string[];
  withTarget: Record<string, string[]>;
}

/**
 * Reads and checks affected-sets.json.
 *
 * @example
 * const rows = readAffectedRows();
 * rows[0].files; // ['libs/storage/s3-keys/src/index.ts']
 */
export function readAffectedRows(file: string = DATA_FILE): AffectedRow[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const rows = (data as { rows?: unknown })?.rows;
  if (!Array.isArray(rows)) throw new AffectedDataError(`${file}: expected { "rows": [...] }`);
  rows.forEach((row: unknown, i) => assertRow(row, `${file} rows[${i}]`));
  return rows as AffectedRow[];
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function assertRow(row: unknown, where: string): asserts row is AffectedRow {
  const r = row as Partial<Record<keyof AffectedRow, unknown>> | null;
  if (!r || typeof r !== 'object') throw new AffectedDataError(`${where}: expected an object`);
  if (!isStringList(r.files) || r.files.length === 0) throw new AffectedDataError(`${where}.files: expected a non-empty list of paths`);
  if (typeof r.why !== 'string') throw new AffectedDataError(`${where}.why: expected a string`);
  if (!isStringList(r.affected)) throw new AffectedDataError(`${where}.affected: expected a list of project names`);
  if (r.target !== undefined && !isStringList(r.target)) throw new AffectedDataError(`${where}.target: expected a list of project names`);
  if (r.withTarget !== undefined) {
    const entries = Object.entries(r.withTarget as object);
    if (!entries.every(([, v]) => isStringList(v))) throw new AffectedDataError(`${where}.withTarget: expected { target: [projects] }`);
  }
}

/** Writes the rows back with today's measurements in place of the recorded ones. */
export function writeAffectedRows(rows: AffectedRow[], file: string = DATA_FILE): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...data, rows }, null, 2)}\n`);
}

/** The workspace's own nx CLI script, as its package.json names it. */
function nxBin(): string {
  const manifest = require.resolve('nx/package.json', { paths: [WORKSPACE_ROOT] });
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin['nx'] ?? 'bin/nx.js');
}

/** Runs the workspace's nx with `args` (no daemon) and returns the project list it prints as JSON, sorted. */
async function nxProjectList(args: string[]): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [nxBin(), ...args, '--json'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
    throw new NxCommandError(`nx ${args.join(' ')} failed:\n${stderr}`, { cause: error });
  }
  try {
    const projects: unknown = JSON.parse(stdout.slice(stdout.indexOf('[')));
    if (!isStringList(projects)) throw new Error('not a list of names');
    return [...projects].sort();
  } catch (error) {
    throw new NxCommandError(`nx ${args.join(' ')} printed no project list:\n${stdout}`, { cause: error });
  }
}

/**
 * The projects `nx show projects --affected --files=<files>` selects, sorted.
 *
 * @example
 * await affectedProjects(['apps/web/src/main.ts']); // ['web']
 */
function affectedProjects(files: string[]): Promise<string[]> {
  return nxProjectList(['show', 'projects', '--affected', `--files=${files.join(',')}`]);
}

/**
 * Every project (with `target`: every project having that target), sorted.
 *
 * @example
 * await workspaceProjects('synth'); // ['infra']
 */
export function workspaceProjects(target?: string): Promise<string[]> {
  return nxProjectList(['show', 'projects', ...(target ? [`--withTarget=${target}`] : [])]);
}

/** Runs `tasks` at most `limit` at a time, keeping their order in the answer. */
async function inTurns<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

/**
 * Measures rows as the workspace stands: each row's affected projects and, for every target it names
 * in `withTarget`, those of them having the target (what `nx affected -t <target>` would run).
 * One nx process per row plus one per target, two at a time (each computes the project graph).
 *
 * @example
 * const [{ affected }] = await measureRows([{ files: ['apps/web/src/main.ts'], why: '', affected: [] }]);
 */
export async function measureRows(rows: AffectedRow[], concurrency = 2): Promise<MeasuredRow[]> {
  const targets = [...new Set(rows.flatMap((row) => Object.keys(row.withTarget ?? {})))];
  const answers = await inTurns<string[]>(
    [...targets.map((t) => () => workspaceProjects(t)), ...rows.map((row) => () => affectedProjects(row.files))],
    concurrency,
  );
  const having = new Map(targets.map((t, i) => [t, answers[i] ?? []]));
  return rows.map((row, i) => {
    const affected = answers[targets.length + i] ?? [];
    const withTarget = Object.fromEntries(
      Object.keys(row.withTarget ?? {}).map((t) => [t, affected.filter((p) => having.get(t)?.includes(p))]),
    );
    return { affected, withTarget };
  });
}
