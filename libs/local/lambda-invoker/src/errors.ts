/** The function's timeout elapsed first. */
export class LambdaTimeoutError extends Error {
  constructor(
    readonly fn: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`${fn} timed out after ${timeoutMs} ms`, options);
    this.name = 'LambdaTimeoutError';
  }
}

/** An invocation named a function the local stack does not run. */
export class UnknownFunctionError extends Error {
  constructor(
    readonly fn: string,
    options?: ErrorOptions,
  ) {
    super(`Function not found: ${fn}`, options);
    this.name = 'UnknownFunctionError';
  }
}
