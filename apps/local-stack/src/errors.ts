/** Base class of the errors the local stack raises while starting or running. */
export class LocalStackError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A port the stack was told to use is taken by another program. */
export class PortInUseError extends LocalStackError {
  constructor(
    readonly service: string,
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(`port ${port} (${service}) is already in use: stop what uses it, or pick another port with --${service}-port`, options);
    this.name = 'PortInUseError';
  }
}

/** The command line or the environment asks for something the program cannot do. */
export class UsageError extends LocalStackError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The web page could not be built. */
export class WebBuildError extends LocalStackError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebBuildError';
  }
}

/** Another stack (alive) holds the lock of the data folder. */
export class DataDirInUseError extends LocalStackError {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; startedAt: string; urls?: Record<string, string> },
    options?: ErrorOptions,
  ) {
    const urls = holder.urls ? Object.entries(holder.urls).map(([name, url]) => `${name} ${url}`).join(', ') : 'still starting';
    super(
      `the data folder ${dataDir} is in use by another local stack (pid ${holder.pid}, started ${holder.startedAt}; ${urls}): stop it, or pass another --data-dir`,
      options,
    );
    this.name = 'DataDirInUseError';
  }
}
