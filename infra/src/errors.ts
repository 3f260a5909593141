/** Base class for every error the CDK app throws on its own (bad context, missing build output). */
export class InfraError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/** A context value or environment variable is missing or malformed. */
export class InfraConfigError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraConfigError';
  }
}

/** A Lambda asset directory (the Nx build output) does not exist. */
export class MissingBuildOutputError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MissingBuildOutputError';
  }
}
