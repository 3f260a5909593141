/** Base class of the errors this package throws. */
export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** A file in the migrations folder that is not a valid migration. */
export class InvalidMigrationFileError extends MigrationError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidMigrationFileError';
  }
}

/** A name given to `generate` that cannot become a migration file name. */
export class InvalidMigrationNameError extends MigrationError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidMigrationNameError';
  }
}

/**
 * A migration (or the migrator's own checks) failed. The failing migration's transaction was rolled
 * back, so the schema is as it was before it; migrations applied before it stay applied.
 */
export class MigrationFailedError extends MigrationError {
  constructor(
    message: string,
    /** The migration that failed, when one did (not for a failed consistency check). */
    readonly migrationName: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationFailedError';
  }
}
