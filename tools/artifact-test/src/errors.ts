/** Base of the artifact test harness's errors. */
export class ArtifactTestError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ArtifactTestError';
  }
}

/** A Node 22 binary or QEMU is not installed: the message names the install step. */
export class RuntimeMissingError extends ArtifactTestError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RuntimeMissingError';
  }
}

/** The built artifact (dist/apps/<fn>/index.js) is not there. */
export class ArtifactMissingError extends ArtifactTestError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ArtifactMissingError';
  }
}

/** The artifact's module failed to load, as Lambda's init phase would report it. */
export class ArtifactInitError extends ArtifactTestError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ArtifactInitError';
  }
}

/** The handler threw (or rejected) for one invocation; `errorName` is the name it threw with. */
export class InvocationError extends ArtifactTestError {
  constructor(
    message: string,
    readonly errorName: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InvocationError';
  }
}
