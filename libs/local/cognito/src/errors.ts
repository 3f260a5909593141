/** A Cognito API error answer: `__type` is the exception name, e.g. `UserNotFoundException`. */
export class CognitoApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(`${type}: ${message}`, options);
    this.name = 'CognitoApiError';
  }
}

