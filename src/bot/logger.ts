/**
 * The process logger: JSON lines in production, pino-pretty in a terminal. Logs go to stderr
 * (fd 2) so the console chat on stdout stays clean and can be piped.
 */
import { type DestinationStream, type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevel } from '../config.js';
import { lazyModule } from '../core/lazyModule.js';
import { safeError } from '../core/safeError.js';

export type { Logger } from 'pino';

/**
 * Secrets (tokens, signing secrets, connection strings, authorization headers) and what people
 * type (note text, message bodies) never reach a log line. pino's redaction matches exact paths,
 * with `*` standing for one level, so each key is listed at the depths where it shows up: the
 * top of the log object, one object down (`{ config: { token } }`), two down
 * (`{ config: { slack: { botToken } } }`), and in serialized HTTP errors.
 */
const SENSITIVE_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'password',
  'databaseUrl',
  'authorization',
  'Authorization',
  'cookie',
  'text',
  'body',
  'note',
];

export const REDACT_PATHS: readonly string[] = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  ...SENSITIVE_KEYS.map((key) => `*.*.${key}`),
  // HTTP client errors (Slack's WebClient, discord.js REST) carry the request's headers.
  'err.config.headers.Authorization',
  'err.config.headers.authorization',
  'err.request.headers.authorization',
  'err.requestBody',
];

export interface LoggerOptions {
  level: LogLevel;
  pretty: boolean;
  /** Where lines go; stderr unless a test captures them. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: { app: 'rapport' },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    // Error messages are never logged: drivers quote the failed query's parameters (what a
    // person typed) and HTTP clients quote bodies. Every `err` field keeps type, code and frames.
    serializers: { err: safeError, error: safeError },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    // Loaded only for a terminal: a process logging JSON never needs it (about 10 MB of memory).
    const pretty = lazyModule<typeof PinoPretty>('pino-pretty')();
    // Synchronous so the last lines before process.exit are not lost.
    return pino(
      base,
      pretty({
        destination: 2,
        sync: true,
        colorize: true,
        ignore: 'pid,hostname,app',
        translateTime: 'SYS:HH:MM:ss',
      }),
    );
  }
  return pino(base, pino.destination({ fd: 2, sync: true }));
}
