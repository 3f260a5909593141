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
