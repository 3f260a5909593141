import type { MutationConfig, MutationProject } from './config';
import type { MutationCounts } from './report';

/** What tools/mutation/scores.json keeps of one project's last run (committed, so the score table can be rebuilt). */
export interface ScoreRecord extends MutationCounts {
  /** Project root, e.g. `libs/auth/jwt`. */
  readonly root: string;
  /** Commit the run measured (`git rev-parse --short HEAD`, `+dirty` when the tree had changes). */
  readonly commit: string;
  /** UTC date of the run, YYYY-MM-DD. */
  readonly date: string;
}

export type Scores = Readonly<Record<string, ScoreRecord>>;

/** Where the scores live, relative to the workspace root. */
export const SCORES_PATH = 'tools/mutation/scores.json';

/** The document the score table is written into, relative to the workspace root. */
export const TABLE_DOC = 'docs/mutation-testing.md';

/** The markers in TABLE_DOC the table sits between. */
export const TABLE_START = '<!-- mutation-scores:start (npm run mutation -- table --write) -->';
export const TABLE_END = '<!-- mutation-scores:end -->';

/**
 * The score table: one row per configured project, in config order, with its last measured score
 * against the target.
 *
 * @example
 * renderTable(config, projects, scores).split('\n')[0]; // '| lib | mutation score | ...'
 */
export function renderTable(config: MutationConfig, projects: readonly MutationProject[], scores: Scores): string {
  const rows = projects.map((project) => {
    const record = scores[project.name];
    if (!record) return `| \`${project.root}\` | not measured | ${config.target} % | | | | |`;
    const mark = record.score >= config.target ? 'pass' : 'MISS';
    return `| \`${project.root}\` | ${record.score.toFixed(1)} % (${mark}) | ${config.target} % | ${record.killed + record.timeout} | ${record.survived} | ${record.noCoverage} | ${record.date}, ${record.commit} |`;
  });
  return [
    '| lib | mutation score | target | killed | survived | no coverage | measured |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * Replaces the text between the table markers; a document without both markers is returned unchanged
 * with `found: false`.
 *
 * @example
 * replaceTable(readme, table).found; // true
 */
export function replaceTable(readme: string, table: string): { readonly text: string; readonly found: boolean } {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return { text: readme, found: false };
  return { text: `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`, found: true };
}
