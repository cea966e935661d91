import { destination as fileDestination, pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Field names whose values are secrets. The logger replaces them wherever they appear (at the
 * top level or one or two objects deep), so a call site that logs a whole object cannot leak one.
 */
const SECRET_FIELDS = [
  'token', 'apiToken', 'accessToken', 'access_token', 'authorization', 'Authorization',
  'privateKey', 'clientSecret', 'client_secret', 'client_assertion', 'password', 'passphrase', 'vaultKey',
];

const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export interface LoggerOptions {
  /** Minimum level written: trace, debug, info, warn, error, fatal or silent. Defaults to BUTTERFLY_LOG_LEVEL, then info. */
  level?: string;
  /** The destination of log lines; standard error by default, so standard output stays free for command output. */
  destination?: DestinationStream;
}

/** Creates the process's root logger; subsystems take a child with `logger.child({ subsystem })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env['BUTTERFLY_LOG_LEVEL'] ?? 'info';
  const destination = options.destination ?? fileDestination({ fd: 2, sync: true });
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined }, destination);
}

/** Returns a logger that writes nothing, for tests and library callers that bring none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
