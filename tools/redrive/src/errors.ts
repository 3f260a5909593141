/** Base class of the redrive tool's own errors. */
export class RedriveError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RedriveError';
  }
}

/** The command line is wrong: print the usage. */
export class UsageError extends RedriveError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** A dead-letter record is not a Lambda on-failure record (no requestPayload). */
export class MalformedRecordError extends RedriveError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedRecordError';
  }
}
