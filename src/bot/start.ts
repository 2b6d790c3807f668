/**
 * What `npm start` runs once its configuration is read: the one place that wires database, core
 * and adapters together. database (migrated) -> metrics -> Rapport -> HTTP (probes, /metrics) ->
 * adapters -> worker. With no Slack or Discord credentials the console adapter runs on
 * stdin/stdout. main.ts reads the environment and owns the process; the benchmarks start a
 * replica through here too, so what they measure is what `npm start` runs.
 */

import type { Config, SlackConfig } from '../config.js';
import type { RapportApi } from '../core/api.js';
import { Rapport } from '../core/rapport.js';
import { slackDeliveryLog } from '../db/deliveryLog.js';
import type { Database } from '../db/engine.js';
import { nudgeOutbox } from '../db/nudgeOutbox.js';
import { leavingRepository } from '../db/repos/leavingRepository.js';
import type { Adapter } from './adapter.js';
import { systemClock } from './clock.js';
import { createConsoleAdapter } from './console/consoleAdapter.js';
import { ConsoleInbox, consoleNotifier } from './console/consoleNotifier.js';
import { openDatabaseForStart, StartupError } from './databaseStartup.js';
import { resvgChartRenderer } from './digest/chartPng.js';
import type { HttpServer } from './http/httpServer.js';
import { createOperations, listenOn } from './http/operations.js';
import type { RapportMetrics } from './http/rapportMetrics.js';
import type { Logger } from './logger.js';
import { type Reach, reachPlatforms } from './platforms.js';
import { PLATFORM_REFERENCES } from './references.js';
import type { Lifecycle } from './shutdown.js';
import { createWorkerSchedule } from './worker/schedule.js';
import { workerSettings } from './worker/workerSettings.js';

/** What the platform adapters and the worker are built from. */
interface AdapterContext {
  config: Config;
  database: Database;
  api: RapportApi;
  http: HttpServer;
  metrics: RapportMetrics;
  logger: Logger;
  lifecycle: Lifecycle;
  /** The Notifiers, the digest channels' lookups and the Add to Slack install. */
  reach: Reach;
}

/** The Slack settings of the adapter: SLACK_BOT_TOKEN's, or the Add to Slack install's. */
function slackAdapterConfig(config: Config): SlackConfig | null {
  if (config.slack) return config.slack;
  if (!config.slackOAuth) return null;
  const { signingSecret, apiUrl } = config.slackOAuth;
  return { botToken: '', signingSecret, socketMode: false, ...(apiUrl ? { apiUrl } : {}) };
}

/**
 * The platform adapters, in start order: Slack (HTTP on the shared server's `/slack/events`, or
 * Socket Mode) when `config.slack` is set, Discord when `config.discord` is set (over HTTP on
 * `/discord/interactions` with its public key, else through the gateway). `/readyz` asks each of
 * them. Each adapter's modules are loaded only when it runs (see platforms.ts).
 */
async function platformAdapters({
  config,
  database,
  api,
  http,
  logger,
  reach,
}: AdapterContext): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  const slack = slackAdapterConfig(config);
  if (slack) {
    const { createSlackAdapter } = await import('./slack/slackAdapter.js');
    adapters.push(
      createSlackAdapter({
        api,
        slack,
        http,
        firstDelivery: slackDeliveryLog(database.db),
        logger,
        queue: config.queue,
        leaving: leavingRepository(database.db),
        ...(reach.install ? { install: reach.install } : {}),
      }),
    );
  }
  const { discord } = config;
  if (discord?.publicKey) {
    const { publicKey } = discord;
    const { createDiscordHttpAdapter } = await import('./discord/discordHttp.js');
    adapters.push(
      createDiscordHttpAdapter({
        api,
        discord: { ...discord, publicKey },
        server: http,
        logger,
        queue: config.queue,
      }),
    );
  } else if (discord) {
    const { createDiscordAdapter } = await import('./discord/discordAdapter.js');
    adapters.push(createDiscordAdapter({ api, discord, logger, queue: config.queue }));
  }
  for (const adapter of adapters)
    http.addReadinessCheck({ name: adapter.name, ready: () => adapter.ready() });
  return adapters;
}

/**
 * Background parts started after the adapters: the worker (nudges, then weekly digests). In
 * console mode the worker prints the console user's nudges into the chat.
 * Its passes are counted in /metrics; its readiness is `npm run worker`'s, not the bot's: a slow
 * pass must not take the bot out of its load balancer.
 */
function backgroundWorkers(
  { config, database, metrics, logger, reach }: AdapterContext,
  inbox?: ConsoleInbox,
): Adapter[] {
  const notifiers = new Map(reach.notifiers);
  // The console user sees their nudges in the chat as they come due.
  if (inbox) notifiers.set('console', consoleNotifier(inbox));
  if (notifiers.size === 0) return [];
  return [
    createWorkerSchedule({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      notifiers: metrics.countRateLimits(notifiers),
      channels: reach.channels,
      logger,
      onPass: metrics.recordPass,
      ...workerSettings(config.worker, config.retentionDays),
    }),
  ];
}

/**
 * Starts everything the configuration names; each part's stop is registered on `lifecycle`.
 * Resolves with the port of the shared HTTP server (null when the console went on without it).
 * A database that cannot be reached or a port that cannot be had rejects with a StartupError,
 * whose message is one sentence for the person starting it.
 */
export async function startRapport({
  config,
  logger,
  lifecycle,
}: {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
}): Promise<{ port: number | null }> {
  const consoleMode = config.slack === null && config.slackOAuth === undefined && config.discord === null;
  const database = await openDatabaseForStart(config, logger);
  lifecycle.onShutdown('database', () => database.close());
  logger.info({ engine: database.kind }, 'Database ready');

  const reach = await reachPlatforms(config, database.db, logger);
  // Discord over HTTP: a front door defers interactions whatever the main thread is doing.
  const front = config.discord?.publicKey !== undefined;
  const { http, metrics } = createOperations({ config, database, logger, front });
  const rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store: database.store,
    clock: systemClock,
    timezone: config.timezone,
    coordinators: config.coordinators,
    logger,
    chart: resvgChartRenderer,
    channels: reach.channels,
    observer: metrics.commands,
  });

  const listening = await listenOn(http, config.port);
  if (listening.ok) {
    lifecycle.onShutdown('http', () => http.close());
    logger.info({ port: listening.port }, `Health check on http://localhost:${listening.port}/healthz`);
  } else {
    // A newcomer trying the console may have something else on 3000: the chat still works.
    if (!consoleMode) {
      await database.close();
      throw new StartupError(listening.sentence);
    }
    logger.warn({ code: listening.code }, `${listening.sentence} Continuing without /healthz.`);
  }

  const context: AdapterContext = {
    config,
    database,
    api: rapport,
    http,
    metrics,
    logger,
    lifecycle,
    reach,
  };
  const adapters = await platformAdapters(context);
  const inbox = consoleMode ? new ConsoleInbox() : undefined;
  if (consoleMode) {
    adapters.push(
      createConsoleAdapter({
        api: rapport,
        input: process.stdin,
        output: process.stdout,
        dataDir: config.dataDir,
        interactive: process.stdin.isTTY === true,
        logger,
        ...(inbox ? { inbox } : {}),
        onEnd: (error) => {
          if (error) logger.error({ err: error }, 'The console session failed');
          void lifecycle.shutdown(error ? 'console failed' : 'console session ended', error ? 1 : 0);
        },
      }),
    );
  }
  adapters.push(...backgroundWorkers(context, inbox));

  for (const adapter of adapters) {
    if (lifecycle.shuttingDown) break;
    await adapter.start();
    lifecycle.onShutdown(adapter.name, () => adapter.stop());
    logger.debug({ adapter: adapter.name }, 'Started');
  }
  return { port: listening.ok ? listening.port : null };
}
