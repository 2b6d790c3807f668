/**
 * The Slack adapter: a real Bolt App. Over HTTP it listens at `/slack/events` on the shared
 * server (beside `/healthz`) through our own Receiver, which also refuses future-dated requests;
 * with an app token it uses Socket Mode instead. Every Web API call goes to `SLACK_API_URL` when
 * it is set.
 */
import { App, ErrorCode, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { RapportApi } from '../../core/api.js';
import type { Adapter } from '../adapter.js';
import type { RouteHandler } from '../http/httpServer.js';
import { createWorkQueue, logFullness, QUEUE_DEFAULTS, type QueueSettings } from '../workQueue.js';
import type { FirstDelivery } from './deliveryLog.js';
import { DmChannels } from './slackDirect.js';
import type { SlackInstall } from './slackInstall.js';
import { type LeavingDeps, registerLeavingListeners } from './slackLeaving.js';
import { registerListeners } from './slackListeners.js';
import { type AppLogger, safeError, slackLogger } from './slackLogger.js';
import { SlackPeople } from './slackPeople.js';
import { SlackHttpReceiver } from './slackReceiver.js';
import { SlackReplies } from './slackReplies.js';
import { registerSaveContact } from './slackShortcut.js';

export interface SlackAdapterOptions {
  api: RapportApi;
  slack: SlackConfig;
  /** The shared HTTP server (its `route`); required unless Socket Mode is on. */
  http?: { route(method: string, path: string, handler: RouteHandler): void } | undefined;
  /** `slackDeliveryLog(database.db)`: de-duplicates Slack's retried deliveries. */
  firstDelivery: FirstDelivery;
  logger: AppLogger;
  /** Milliseconds since the epoch, for the request-age check (tests pass their own clock). */
  now?: () => number;
  /** Commands handled at once after their ack (default 10, the database pool's size). */
  concurrency?: number;
  /** What may wait after the ack before commands are answered "busy" (default QUEUE_DEFAULTS). */
  queue?: Partial<QueueSettings> | undefined;
  /** The Add to Slack install: tokens per workspace instead of `slack.botToken`, and its routes. */
  install?: SlackInstall;
  /** Uninstalls, revocations and deactivations (`leavingRepository(db)`); absent, they are ignored. */
  leaving?: LeavingDeps['leaving'];
}

export interface SlackAdapter extends Adapter {
  readonly app: App;
  /** Resolves when every request received so far has been fully handled. */
  idle(): Promise<void>;
}

function receiverFor(options: SlackAdapterOptions, logger: ReturnType<typeof slackLogger>): Receiver {
  const { slack } = options;
  if (slack.socketMode) {
    if (!slack.appToken) throw new Error('Slack Socket Mode needs SLACK_APP_TOKEN.');
    return new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      installerOptions: { clientOptions: slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {} },
    });
  }
  if (!slack.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET.');
  if (!options.http) throw new Error('Slack over HTTP needs the shared HTTP server.');
  return new SlackHttpReceiver({
    route: options.http.route.bind(options.http),
    signingSecret: slack.signingSecret,
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { slack, logger } = options;
  const boltLogger = slackLogger(logger, 'slack');
  const receiver = receiverFor(options, boltLogger);
  const { install } = options;
  if (install && options.http) install.mount(options.http.route.bind(options.http));
  const app = new App({
    ...(install ? { authorize: install.tokens.authorize } : { token: slack.botToken }),
    receiver,
    logger: boltLogger,
    clientOptions: slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {},
    // auth.test runs in start(), where a rejected token stops the start with a clear error,
    // rather than in the constructor, where its failure would be an unhandled rejection.
    deferInitialization: true,
  });
  app.error(async (error) => {
    if (error.code === ErrorCode.AuthorizationError) {
      // A workspace that never installed (or has left): its requests reach no listener. The
      // reason names ids only (team, enterprise), never a token.
      const reason = (error as { original?: Error }).original?.message ?? error.message;
      logger.warn({ reason }, 'Ignored a Slack request from a workspace without an installation');
      return;
    }
    logger.error({ err: safeError(error) }, 'Bolt could not handle a Slack request');
  });

  const { concurrency, ...bounds } = { ...QUEUE_DEFAULTS, ...options.queue };
  const work = createWorkQueue(options.concurrency ?? concurrency, {
    ...bounds,
    // Each task answers the person and logs its own failures; this only keeps a rejection that
    // escapes them from becoming an unhandled one.
    onError: (error) => logger.error({ err: safeError(error) }, 'Slack work failed'),
    onFull: logFullness(logger, 'slack'),
  });
  registerListeners(app, {
    api: options.api,
    firstDelivery: options.firstDelivery,
    people: new SlackPeople(options.api, logger),
    replies: new SlackReplies(options.api, new DmChannels()),
    logger,
    offer: work.offer,
  });

  registerSaveContact(app, { api: options.api, logger });
  if (options.leaving) {
    registerLeavingListeners(app, {
      leaving: options.leaving,
      logger,
      now: () => new Date(options.now ? options.now() : Date.now()),
      installs: install !== undefined,
      ...(install ? { forgetTokens: () => install.tokens.forget() } : {}),
    });
  }

  const idle = async () => {
    if (receiver instanceof SlackHttpReceiver) await receiver.idle();
    await work.idle();
  };

  // Over HTTP, started means serving (Slack's reach to us is not ours to see); Socket Mode needs
  // its socket open.
  let started = false;
  const ready = () =>
    started &&
    (receiver instanceof SocketModeReceiver ? receiver.client.websocket?.isActive() === true : true);

  return {
    name: 'slack',
    app,
    idle,
    ready,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw new Error(
          `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message}).`,
        );
      }
      try {
        await app.start();
      } catch (error) {
        if (!slack.socketMode) throw error;
        // Socket Mode's start is `apps.connections.open` with the app-level token, then the socket.
        const code = (error as { data?: { error?: string } }).data?.error;
        throw new Error(
          code
            ? `Slack did not accept SLACK_APP_TOKEN (apps.connections.open failed: ${code}).`
            : `Slack Socket Mode could not connect: ${(error as Error).message}`,
        );
      }
      started = true;
      logger.info({ mode: slack.socketMode ? 'socket' : 'http' }, 'Slack adapter ready');
    },
    async stop() {
      started = false;
      // Bolt's SocketModeReceiver.stop() asks the socket to close and returns at once; waiting for
      // the client's `disconnected` lets the close handshake finish before the process exits.
      const closed =
        receiver instanceof SocketModeReceiver
          ? new Promise<void>((resolve) => receiver.client.once('disconnected', () => resolve()))
          : undefined;
      await app.stop();
      await closed;
      await idle();
    },
  };
}
