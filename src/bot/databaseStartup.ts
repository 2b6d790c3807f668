/**
 * Opens the database for `npm start` and `npm run migrate`: retries a server that cannot be
 * reached yet, and turns every failure into one sentence for the person starting Rapport.
 */
import type { Config } from '../config.js';
import { type Database, DatabaseLockedError, openDatabase } from '../db/engine.js';
import { isConnectionError, withRetry } from './connectionRetry.js';

export interface StartupLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** A failure to start, with the sentence to print instead of a stack trace. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface DatabaseStartupOptions {
  migrate?: boolean;
  attempts?: number;
  firstDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  open?: typeof openDatabase;
}

/** Host and port of a connection string, never its user or password. */
export function databaseHost(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return url.port ? `${url.hostname}:${url.port}` : url.hostname;
  } catch {
    return 'the DATABASE_URL server';
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+$/, '').replace(/\.$/, '');
}

export async function openDatabaseForStart(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: StartupLogger,
  options: DatabaseStartupOptions = {},
): Promise<Database> {
  const open = options.open ?? openDatabase;
  const attempts = options.attempts ?? 5;
  const where = config.databaseUrl
    ? `PostgreSQL at ${databaseHost(config.databaseUrl)}`
    : `the embedded database in ${config.dataDir}`;
  logger.info({}, `Opening ${where}`);
  try {
    return await withRetry(
      () =>
        open({
          ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
          dataDir: config.dataDir,
          migrate: options.migrate ?? true,
        }),
      {
        attempts,
        firstDelayMs: options.firstDelayMs ?? 1000,
        isRetryable: isConnectionError,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        onRetry: ({ attempt, delayMs, error }) =>
          logger.warn(
            { attempt, attempts, code: (error as { code?: unknown }).code },
            `Cannot reach ${where} yet (${describe(error)}); trying again in ${delayMs / 1000} s`,
          ),
      },
    );
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw new StartupError(error.message, { cause: error });
    if (isConnectionError(error)) {
      throw new StartupError(
        `Could not reach ${where} after ${attempts} attempts (${describe(error)}); check DATABASE_URL and that the server is running.`,
        { cause: error },
      );
    }
    throw new StartupError(`Could not open ${where}: ${describe(error)}.`, { cause: error });
  }
}
