import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { UsageError } from './errors';
import { DEFAULT_PORTS, SERVICE_NAMES, type ServiceName } from './options';

export interface CliOptions {
  help: boolean;
  reset: boolean;
  dataDir: string;
  ports: Record<ServiceName, number>;
  buildWeb: boolean;
  handlerLogLevel: LogLevel;
}

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'];

/** The environment variable that sets a service's port, e.g. `LOCAL_API_PORT`. */
function portEnvName(service: ServiceName): string {
  return `LOCAL_${service.toUpperCase()}_PORT`;
}

export function usage(workspaceRoot: string): string {
  const portLines = SERVICE_NAMES.map(
    (name) => `  --${`${name}-port <n>`.padEnd(22)} ${`${name} port (env ${portEnvName(name)}, default ${DEFAULT_PORTS[name]}; 0 = any free port)`}`,
  );
  return `Usage: npm start -- [options]

Runs the whole Cruddur avatar flow on this machine, in one process: cognito-local with demo
users, s3rver behind an S3 front that checks SigV4 signatures and sends S3 events, the API with
the real authorizer, presign, thumbnail and profile handlers, PGlite, the assets CDN and the web
page. Prints every URL and the demo credentials, and writes them to <data-dir>/stack.json.

Options:
  --data-dir <dir>         where users, objects and the database are kept
                           (env LOCAL_STACK_DATA_DIR, default ${path.relative(process.cwd(), path.join(workspaceRoot, '.local')) || '.local'})
  --reset                  delete what the stack made in the data folder first
                           (a folder holding other files is refused, not touched)
${portLines.join('\n')}
  --no-build               serve dist/apps/web as it is, without building apps/web first
  --handler-log-level <l>  the handlers' Powertools log level: ${LOG_LEVELS.join(', ')} (default INFO)
  -h, --help               show this help

Ctrl-C (or SIGTERM) stops every server and closes the database.`;
}

function port(value: string, from: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`${from} must be a port number from 0 to 65535, not "${value}"`);
  }
  return n;
}

/**
 * Reads the command line and the environment (flags win).
 *
 * @throws UsageError for an unknown option or a bad value
 */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv, workspaceRoot: string): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        reset: { type: 'boolean' },
        'data-dir': { type: 'string' },
        'no-build': { type: 'boolean' },
        'handler-log-level': { type: 'string' },
        'web-port': { type: 'string' },
        'api-port': { type: 'string' },
        's3-port': { type: 'string' },
        'cognito-port': { type: 'string' },
        'assets-port': { type: 'string' },
        'lambda-port': { type: 'string' },
      },
    }));
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) {
    const flag = values[`${name}-port`];
    const fromEnv = env[portEnvName(name)];
    ports[name] =
      typeof flag === 'string' ? port(flag, `--${name}-port`) : fromEnv ? port(fromEnv, portEnvName(name)) : DEFAULT_PORTS[name];
  }
  const level = String(values['handler-log-level'] ?? 'INFO').toUpperCase();
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--handler-log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : env['LOCAL_STACK_DATA_DIR'] || path.join(workspaceRoot, '.local');
  return {
    help: values.help === true,
    reset: values.reset === true,
    dataDir: path.resolve(dataDir),
    ports,
    buildWeb: values['no-build'] !== true,
    handlerLogLevel: level as LogLevel,
  };
}
