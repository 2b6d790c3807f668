/**
 * One side of the Slack ack benchmark (bench/slackAck.ts), in a process of its own so that its
 * resident memory is its own: either the real Rapport bot (the Slack adapter on the shared HTTP
 * server, against PostgreSQL) or a bare Bolt app whose `/rapport` handler only acks. It samples
 * its RSS every 100 ms from the moment it is ready and talks to the parent over IPC; it exits
 * when told to, or when the parent goes away. The parent runs it transpiled, with plain node, as
 * production runs the bot.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

/** What the parent passes as the one argument (JSON). */
export interface ChildSpec {
  mode: 'bot' | 'bare';
  /** The scratch database (bot only). */
  databaseUrl?: string;
  /** The fake Slack Web API. */
  apiUrl: string;
  signingSecret: string;
  botToken: string;
}

/** Memory figures, in bytes. */
export interface ChildStats {
  /** RSS when the server was ready, before any request. */
  readyRss: number;
  /** The highest RSS sampled (every 100 ms) since then. */
  peakRss: number;
  /** V8's heap (`heapTotal`) at that sample: how much of the peak is the JavaScript heap. */
  peakHeapTotal: number;
  samples: number;
  /** CPU time (user + system) spent since ready, in milliseconds: the cost of the requests. */
  cpuMs: number;
}

/** `finish`: the load is over, report the memory figures; `stop`: close everything and exit. */
export type ParentMessage = { type: 'finish' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'stats'; stats: ChildStats }
  | { type: 'failed'; message: string };

interface Running {
  port: number;
  /** Stops taking requests, lets the ones in flight finish, and lets go of the database. */
  close(): Promise<void>;
}

/** Resolves once the message is handed to the IPC channel (so an exit right after loses nothing). */
const send = (message: ChildMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });

async function startBot(spec: ChildSpec): Promise<Running> {
  if (!spec.databaseUrl) throw new Error('the bot needs the scratch database URL');
  // Loaded here, not at the top, so that the bare app's process holds Bolt alone.
  const [
    { systemClock },
    { createHttpServer },
    { createLogger },
    { slackDeliveryLog },
    { createSlackAdapter },
  ] = await Promise.all([
    import('../src/bot/clock.js'),
    import('../src/bot/http/httpServer.js'),
    import('../src/bot/logger.js'),
    import('../src/bot/slack/deliveryLog.js'),
    import('../src/bot/slack/slackAdapter.js'),
  ]);
  const [{ Rapport }, { openDatabase }] = await Promise.all([
    import('../src/core/rapport.js'),
    import('../src/db/engine.js'),
  ]);
  const logger = createLogger({ level: 'warn', pretty: false });
  // The production pool size (openDatabase's default); the parent has migrated and seeded.
  const database = await openDatabase({
    databaseUrl: spec.databaseUrl,
    dataDir: 'memory://',
    migrate: false,
  });
  const rapport = new Rapport({
    store: database.store,
    clock: systemClock,
    timezone: 'UTC',
    coordinators: [],
    logger,
  });
  const http = createHttpServer({ health: () => database.ping(), logger });
  const adapter = createSlackAdapter({
    api: rapport,
    slack: {
      botToken: spec.botToken,
      signingSecret: spec.signingSecret,
      apiUrl: spec.apiUrl,
      socketMode: false,
    },
    http,
    firstDelivery: slackDeliveryLog(database.db),
    logger,
  });
  await adapter.start();
  const port = await http.listen(0, '127.0.0.1');
  return {
    port,
    close: async () => {
      await adapter.stop();
      await http.close();
      await database.close();
    },
  };
}

async function startBare(spec: ChildSpec): Promise<Running> {
  // Bolt's own HTTPReceiver: the stock app a Bolt user would start from.
  const app = new App({
    token: spec.botToken,
    signingSecret: spec.signingSecret,
    clientOptions: { slackApiUrl: spec.apiUrl },
    logLevel: LogLevel.WARN,
    deferInitialization: true,
  });
  app.command('/rapport', async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await app.stop();
    },
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
  // The parent went away (crashed, interrupted): nothing left to serve.
  process.on('disconnect', () => process.exit(1));
  const running = spec.mode === 'bot' ? await startBot(spec) : await startBare(spec);

  const readyRss = process.memoryUsage.rss();
  const readyCpu = process.cpuUsage();
  let peakRss = readyRss;
  let peakHeapTotal = process.memoryUsage().heapTotal;
  let samples = 0;
  const sample = () => {
    const { rss, heapTotal } = process.memoryUsage();
    if (rss > peakRss) {
      peakRss = rss;
      peakHeapTotal = heapTotal;
    }
  };
  const sampler = setInterval(() => {
    sample();
    samples += 1;
  }, 100);

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'finish') {
      sample();
      const cpu = process.cpuUsage(readyCpu);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      void send({ type: 'stats', stats: { readyRss, peakRss, peakHeapTotal, samples, cpuMs } });
    } else if (message.type === 'stop') {
      clearInterval(sampler);
      void running.close().finally(() => process.exit(0));
    }
  });
  await send({ type: 'ready', port: running.port });
}

main().catch(async (error: unknown) => {
  await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
