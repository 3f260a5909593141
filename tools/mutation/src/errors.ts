/** A command line the mutation CLI cannot run: printed as one line, exit code 2. */
export class MutationUsageError extends Error {
  override readonly name = 'MutationUsageError';
}

/** The mutation config (tools/mutation/mutation.config.json) names something that is not there. */
export class MutationConfigError extends Error {
  override readonly name = 'MutationConfigError';
}

/** A Stryker report that is missing or not the shape of mutation-testing-report-schema. */
export class MutationReportError extends Error {
  override readonly name = 'MutationReportError';
}
