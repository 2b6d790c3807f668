/**
 * One side of the Slack ack benchmark (bench/slackAck.ts), in a process of its own so that its
 * resident memory is its own: either the real Rapport bot (the Slack adapter on the shared HTTP
 * server, against PostgreSQL) or a bare Bolt app whose `/rapport` handler only acks. It samples
 * its RSS every 100 ms from the moment it is ready and talks to the parent over IPC (both through
 * ackChildSampler.ts); it exits when told to, or when the parent goes away. The parent runs it
 * transpiled, with plain node, as production runs the bot.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import postgres from 'postgres';
import { openBenchCore, type SampledStats, type Served, serveChild } from './ackChildSampler.js';

/** What the parent passes as the one argument (JSON). */
export interface ChildSpec {
  /** `bare-db`: the bare app that also runs `SELECT 1` on PostgreSQL and responds. */
  mode: 'bot' | 'bare' | 'bare-db';
  /** The scratch database (bot and bare-db). */
  databaseUrl?: string;
  /** The fake Slack Web API. */
  apiUrl: string;
  signingSecret: string;
  botToken: string;
}

/** Memory figures, in bytes, and CPU time, in milliseconds. */
export type ChildStats = SampledStats;

/** `finish`: the load is over, report the memory figures; `stop`: close everything and exit. */
export type ParentMessage = { type: 'finish' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'stats'; stats: ChildStats }
  | { type: 'failed'; message: string };

type Running = Served<Record<string, never>>;

async function startBot(spec: ChildSpec): Promise<Running> {
  if (!spec.databaseUrl) throw new Error('the bot needs the scratch database URL');
  // Loaded here, not at the top, so that the bare app's process holds Bolt alone.
  const [{ createHttpServer }, { createLogger }, { slackDeliveryLog }, { createSlackAdapter }] =
    await Promise.all([
      import('../src/bot/http/httpServer.js'),
      import('../src/bot/logger.js'),
      import('../src/db/deliveryLog.js'),
      import('../src/bot/slack/slackAdapter.js'),
    ]);
  const logger = createLogger({ level: 'warn', pretty: false });
  const { database, rapport } = await openBenchCore(spec.databaseUrl, logger);
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
    ready: { port },
    stats: () => ({}),
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
  // The least a database-backed bot does: ack, one query, the answer to the response_url.
  const sql =
    spec.mode === 'bare-db' && spec.databaseUrl ? postgres(spec.databaseUrl, { max: 10 }) : undefined;
  app.command('/rapport', async ({ ack, respond }) => {
    await ack();
    if (!sql) return;
    await sql`select 1`;
    await respond({ response_type: 'ephemeral', text: 'ok' });
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    ready: { port: (server.address() as AddressInfo).port },
    stats: () => ({}),
    close: async () => {
      await app.stop();
      await sql?.end({ timeout: 5 });
    },
  };
}

void serveChild((spec: ChildSpec) => (spec.mode === 'bot' ? startBot(spec) : startBare(spec)));
