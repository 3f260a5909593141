/** A CloudWatch embedded metric format document, as CloudWatch Logs reads it from one log line. */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit?: string }[] }[];
  };
  [key: string]: unknown;
}

/** One series' value in one document: what CloudWatch would store. */
export interface EmfDataPoint {
  namespace: string;
  metric: string;
  unit: string | undefined;
  dimensions: Record<string, string>;
  value: number | number[];
}

function fail(line: string, why: string): never {
  throw new Error(`not a valid EMF document (${why}): ${line}`);
}

/**
 * Parses one log line as an EMF document and checks what CloudWatch needs to extract metrics from
 * it: a timestamp, and for every directive its dimension values and metric values at the top level.
 *
 * @example
 * const doc = parseEmfDocument(line); // throws when CloudWatch would not read it
 */
export function parseEmfDocument(line: string): EmfDocument {
  const doc = JSON.parse(line) as EmfDocument;
  const aws = doc._aws;
  if (!aws || typeof aws.Timestamp !== 'number') fail(line, 'no _aws.Timestamp');
  if (!Array.isArray(aws.CloudWatchMetrics) || aws.CloudWatchMetrics.length === 0) fail(line, 'no CloudWatchMetrics');
  for (const directive of aws.CloudWatchMetrics) {
    if (typeof directive.Namespace !== 'string') fail(line, 'no Namespace');
    for (const set of directive.Dimensions) for (const name of set) if (typeof doc[name] !== 'string') fail(line, `dimension ${name} has no value`);
    for (const { Name } of directive.Metrics) {
      const value = doc[Name];
      if (typeof value !== 'number' && !(Array.isArray(value) && value.every((v) => typeof v === 'number'))) fail(line, `metric ${Name} has no value`);
    }
  }
  return doc;
}

/**
 * The data points of EMF documents, one per metric and dimension set.
 *
 * @example
 * emfDataPoints(capture.documents()); // [{ metric: 'UploadsProcessed', dimensions: { service: 'thumbnail' }, value: 1, ... }]
 */
export function emfDataPoints(documents: readonly EmfDocument[]): EmfDataPoint[] {
  return documents.flatMap((doc) =>
    doc._aws.CloudWatchMetrics.flatMap((directive) =>
      directive.Metrics.flatMap((metric) =>
        directive.Dimensions.map((set) => ({
          namespace: directive.Namespace,
          metric: metric.Name,
          unit: metric.Unit,
          dimensions: Object.fromEntries(set.map((name) => [name, doc[name] as string])),
          value: doc[metric.Name] as number | number[],
        })),
      ),
    ),
  );
}

export interface EmfCapture {
  /** Every EMF document written to stdout since the capture started. */
  documents(): EmfDocument[];
  /** Their data points. */
  dataPoints(): EmfDataPoint[];
  /** Forgets what was captured so far. */
  clear(): void;
  /** Puts `process.stdout.write` back. */
  restore(): void;
}

/**
 * Captures the EMF documents a handler writes to stdout (where Lambda sends them to CloudWatch
 * Logs), keeping them out of the test output; other output passes through.
 *
 * @example
 * const emf = captureEmf();
 * await handler(event, context);
 * expect(emf.dataPoints()).toContainEqual(expect.objectContaining({ metric: 'UploadsProcessed' }));
 * emf.restore();
 */
export function captureEmf(): EmfCapture {
  const stdout = process.stdout;
  const original = stdout.write;
  let lines: string[] = [];
  stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const emf = text.split('\n').filter((line) => line.includes('"_aws"'));
    if (emf.length === 0) return (original as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest);
    lines.push(...emf);
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  } as typeof stdout.write;
  return {
    documents: () => lines.map(parseEmfDocument),
    dataPoints: () => emfDataPoints(lines.map(parseEmfDocument)),
    clear: () => {
      lines = [];
    },
    restore: () => {
      stdout.write = original;
    },
  };
}
