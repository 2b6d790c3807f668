/**
 * `npm run worker -- --once [--now <ISO-8601>]`: one pass of everything due, as if the clock read
 * `--now`, then the summary on stdout and exit 0. Without `--once`: the node-cron schedule until
 * SIGINT or SIGTERM, with /livez, /readyz (ready while the last pass is under three minutes old)
 * and /metrics on PORT. Mistakes in the arguments print one sentence and exit 2.
 */
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../../config.js';
import type { Clock } from '../../core/clock.js';
import { nudgeOutbox } from '../../db/nudgeOutbox.js';
import { openDatabaseForStart, StartupError } from '../databaseStartup.js';
import { createOperations, listenOn } from '../http/operations.js';
import { createLogger } from '../logger.js';
import { reachPlatforms } from '../platforms.js';
import { createLifecycle, exitOnSignals } from '../shutdown.js';
import { formatSummary, PassError, type PassStep, runPass, type WorkerOptions } from './pass.js';
import { createWorkerSchedule } from './schedule.js';
import { workerSettings } from './workerSettings.js';

export const USAGE =
  'Usage: npm run worker -- [--once [--now <ISO-8601 date and time, e.g. 2026-12-01T10:00:00Z>]]';

export type WorkerArgs = { mode: 'once'; now: Date | null } | { mode: 'schedule' } | { mode: 'help' };

/** A mistake in the arguments, as one sentence. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An instant with a date, a time and an explicit zone (`Z` or `+01:00`): nothing left to guess. */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Reads `--now`; throws UsageError with one sentence when it is not an ISO-8601 instant. */
export function parseNow(value: string): Date {
  const match = ISO_INSTANT.exec(value);
  const [year, month, day, hour, minute, second] = (match?.slice(1) ?? []).map((part) => Number(part ?? 0));
  const instant = new Date(value);
  const valid =
    match !== null &&
    !Number.isNaN(instant.getTime()) &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    // Date() would roll 2026-02-31 over to March.
    day! <= daysIn(year!, month!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59;
  if (!valid) {
    throw new UsageError(
      `--now "${value}" is not an ISO-8601 date and time with a zone, such as 2026-12-01T10:00:00Z.`,
    );
  }
  return instant;
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Reads the command line; throws UsageError with one sentence on a mistake. */
export function parseWorkerArgs(argv: readonly string[]): WorkerArgs {
  let parsed: ReturnType<typeof parseWorkerArgsRaw>;
  try {
    parsed = parseWorkerArgsRaw(argv);
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, '')}; ${USAGE.replace(/^Usage/, 'usage')}.`,
    );
  }
  const { values } = parsed;
  if (values.help) return { mode: 'help' };
  if (values.now !== undefined && !values.once) throw new UsageError('--now only goes with --once.');
  if (!values.once) return { mode: 'schedule' };
  return { mode: 'once', now: values.now === undefined ? null : parseNow(values.now) };
}

function parseWorkerArgsRaw(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { once: { type: 'boolean' }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
}

/** A clock that read `start` when the pass began and moves on in real time from there. */
export function clockFrom(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

export interface WorkerCliDeps {
  /** The environment loadConfig parses (default: the process environment, read by loadConfig itself). */
  env?: Record<string, string | undefined>;
  stdout?: Pick<NodeJS.WriteStream, 'write'>;
  stderr?: Pick<NodeJS.WriteStream, 'write'>;
  /** Worker options (tests shorten leases and timeouts). */
  options?: Partial<WorkerOptions>;
  /** The steps of each pass (default: DEFAULT_STEPS: nudges, digests, housekeeping, retention). */
  steps?: readonly PassStep[];
}

/** Runs the worker command line; resolves with the exit code (the schedule mode exits on a signal). */
export async function runWorkerCli(argv: readonly string[], deps: WorkerCliDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  let args: WorkerArgs;
  try {
    args = parseWorkerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`${error.message}\n`);
    return 2;
  }
  if (args.mode === 'help') {
    stdout.write(`${USAGE}\n`);
    return 0;
  }

  let config: Config;
  try {
    config = loadConfig(deps.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    stderr.write(`${error.message}\n`);
    return 1;
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.pretty });
  let database: Awaited<ReturnType<typeof openDatabaseForStart>>;
  try {
    database = await openDatabaseForStart(config, logger);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    stderr.write(`${error.message}\n`);
    return 1;
  }
  const { notifiers, channels } = await reachPlatforms(config, database.db, logger);
  if (notifiers.size === 0) {
    logger.warn({}, 'No Slack or Discord credentials: nudges stay pending until a platform is configured');
  }

  const outbox = nudgeOutbox(database.db);
  const settings = workerSettings(config.worker, config.retentionDays);
  const options = { ...settings.options, ...deps.options };
  if (args.mode === 'once') {
    // `--now` sets the worker's clock only: what is due, quiet hours, what has become obsolete.
    // Leases keep to the database's clock (src/db/databaseClock.ts), so a pass run `--now` a week
    // ahead cannot take over nudges a live worker holds, and one run in the past still leases
    // them for real minutes. Without `--now`, RAPPORT_WORKER_CLOCK_OFFSET_MS moves the clock.
    const clock = args.now ? clockFrom(args.now) : settings.clock;
    try {
      const summary = await runPass({
        db: database.db,
        outbox,
        clock,
        notifiers,
        channels,
        logger,
        options,
        ...(deps.steps ? { steps: deps.steps } : {}),
      });
      stdout.write(`${formatSummary(summary)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof PassError) {
        stdout.write(`${formatSummary(error.summary)}\n`);
        stderr.write(`The worker pass did not finish: ${describe(error.cause)}.\n`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  }

  const { http, metrics } = createOperations({ config, database, logger });
  const worker = createWorkerSchedule({
    db: database.db,
    outbox,
    notifiers: metrics.countRateLimits(notifiers),
    channels,
    logger,
    onPass: metrics.recordPass,
    clock: settings.clock,
    expression: settings.expression,
    options,
    ...(deps.steps ? { steps: deps.steps } : {}),
  });
  http.addReadinessCheck({ name: 'worker', ready: () => worker.ready() });
  const listening = await listenOn(http, config.port);
  if (!listening.ok) {
    stderr.write(`${listening.sentence}\n`);
    await database.close();
    return 1;
  }
  logger.info({ port: listening.port }, `Worker probes on http://localhost:${listening.port}/readyz`);
  const lifecycle = createLifecycle({ logger });
  lifecycle.onShutdown('database', () => database.close());
  lifecycle.onShutdown('http', () => http.close());
  exitOnSignals(lifecycle);
  await worker.start();
  lifecycle.onShutdown('worker', () => worker.stop());
  // Runs until a signal; the lifecycle exits the process.
  return new Promise<number>(() => {});
}

const describe = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+$/, '').replace(/\.$/, '');
