/** The body was larger than the caller accepts; nothing past the limit was kept. */
export class BodyLimitExceeded extends Error {
  constructor(
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(`body is larger than ${limit} bytes`, options);
    this.name = 'BodyLimitExceeded';
  }
}

