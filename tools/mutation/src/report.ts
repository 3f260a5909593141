import { MutationReportError } from './errors';

/** The mutant statuses of mutation-testing-report-schema (Stryker's JSON reporter). */
export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

const STATUSES: ReadonlySet<string> = new Set<MutantStatus>(['Killed', 'Survived', 'NoCoverage', 'Timeout', 'CompileError', 'RuntimeError', 'Ignored', 'Pending']);

/** One mutant as the JSON report holds it (the fields read here). */
export interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: MutantStatus;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** The part of a Stryker JSON report read here. */
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

/** Counts of one file or one project; `score` is Stryker's mutation score over covered and uncovered mutants. */
export interface MutationCounts {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that did not compile or crashed the runner: not counted in the score, as in Stryker. */
  readonly invalid: number;
  readonly ignored: number;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), in percent, one decimal; 100 with no valid mutant. */
  readonly score: number;
}

/** A mutant the tests let through, to be killed by a test (or proven equivalent). */
export interface Survivor {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly status: 'Survived' | 'NoCoverage';
}

/** A project's summary: totals, per file, and the survivors. */
export interface ProjectSummary extends MutationCounts {
  readonly files: Readonly<Record<string, MutationCounts>>;
  readonly survivors: readonly Survivor[];
}

/**
 * Checks that a parsed JSON document is a Stryker report.
 *
 * @example
 * parseReport(JSON.parse(readFileSync('reports/mutation/jwt/mutation.json', 'utf8')));
 */
export function parseReport(document: unknown): MutationReport {
  const files = (document as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null) throw new MutationReportError('not a Stryker mutation report: no "files" object');
  for (const [file, entry] of Object.entries(files)) {
    const mutants = (entry as { mutants?: unknown } | null)?.mutants;
    if (!Array.isArray(mutants)) throw new MutationReportError(`not a Stryker mutation report: ${file} has no "mutants" list`);
    for (const mutant of mutants as Partial<ReportMutant>[]) {
      if (typeof mutant?.status !== 'string' || !STATUSES.has(mutant.status)) {
        throw new MutationReportError(`not a Stryker mutation report: ${file} has a mutant with status ${JSON.stringify(mutant?.status)}`);
      }
      if (typeof mutant.mutatorName !== 'string' || typeof mutant.location?.start?.line !== 'number') {
        throw new MutationReportError(`not a Stryker mutation report: ${file} has a mutant without mutatorName or location`);
      }
    }
  }
  return document as MutationReport;
}

/**
 * Counts the mutants of some files by status and computes their score.
 *
 * @example
 * countMutants([{ status: 'Killed' }, { status: 'Survived' }] as ReportMutant[]).score; // 50
 */
export function countMutants(mutants: readonly ReportMutant[]): MutationCounts {
  const count = (status: MutantStatus) => mutants.filter((mutant) => mutant.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  return {
    killed,
    timeout,
    survived,
    noCoverage,
    invalid: count('CompileError') + count('RuntimeError'),
    ignored: count('Ignored'),
    score: valid === 0 ? 100 : Math.floor((detected / valid) * 1000) / 10,
  };
}

/**
 * Sums a report: per file, in total, and the list of survivors in file and line order. File names are
 * made relative to `workspaceRoot` when they are absolute.
 *
 * @example
 * summarize(report, '/repo').score; // 96.2
 */
export function summarize(report: MutationReport, workspaceRoot: string): ProjectSummary {
  const prefix = workspaceRoot.endsWith('/') ? workspaceRoot : `${workspaceRoot}/`;
  const entries = Object.entries(report.files)
    .map(([file, entry]) => [file.startsWith(prefix) ? file.slice(prefix.length) : file, entry.mutants] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  const survivors: Survivor[] = entries.flatMap(([file, mutants]) =>
    mutants
      .filter((mutant): mutant is ReportMutant & { status: Survivor['status'] } => mutant.status === 'Survived' || mutant.status === 'NoCoverage')
      .map((mutant) => ({
        file,
        line: mutant.location.start.line,
        column: mutant.location.start.column,
        mutator: mutant.mutatorName,
        replacement: mutant.replacement ?? '',
        status: mutant.status,
      }))
      .sort((a, b) => a.line - b.line || a.column - b.column),
  );
  return {
    ...countMutants(entries.flatMap(([, mutants]) => mutants)),
    files: Object.fromEntries(entries.map(([file, mutants]) => [file, countMutants(mutants)])),
    survivors,
  };
}
