/** Base of the errors this tool throws. */
class NxGraphError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NxGraphError';
  }
}

/** `nx` exited non-zero or printed something that is not the JSON asked for. */
export class NxCommandError extends NxGraphError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NxCommandError';
  }
}

/** affected-sets.json is not the shape this tool reads. */
export class AffectedDataError extends NxGraphError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AffectedDataError';
  }
}

/** The table's document (docs/testing.md) lacks the markers the generated table goes between. */
export class MissingMarkersError extends NxGraphError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MissingMarkersError';
  }
}
