/** Base class of the smoke tool's own errors. */
export class SmokeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SmokeError';
  }
}

/** The command line is wrong: print the usage (exit code 2). */
export class UsageError extends SmokeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The stack description (a local `stack.json`, a stage's deploy outputs) is missing or lacks a value. */
export class TargetError extends SmokeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TargetError';
  }
}

/** One check did not hold; its message is the reason printed on the FAIL line. */
export class CheckFailedError extends SmokeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CheckFailedError';
  }
}
