/**
 * One side of the Slack body benchmark (bench/slackBody.ts), in a process of its own so that its
 * resident memory is its own: either Rapport's Slack endpoint (our receiver on the shared HTTP
 * server, with their production limits and timeouts) or Bolt's stock HTTPReceiver, which reads a
 * body of up to 4 MB whole before it checks the signature, with node's default timeouts, as
 * Rapport's receiver did before issue 11. No database: what is measured ends before a listener.
 * It samples its RSS every 100 ms and talks to the parent over IPC (ackChildSampler.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type SampledStats, serveChild } from './ackChildSampler.js';

/** What the parent passes as the one argument (JSON). */
export interface BodyChildSpec {
  mode: 'rapport' | 'bolt';
  signingSecret: string;
}

export type BodyChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'stats'; stats: SampledStats }
  | { type: 'failed'; message: string };

/** Refusals are the point of the benchmark: thousands of warnings would only cost time. */
const silent: BoltLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

const APP_IDS = { token: 'xoxb-bench-body', botId: 'B0BENCH', botUserId: 'U0BENCH' } as const;

async function startRapport(spec: BodyChildSpec) {
  const [{ createHttpServer }, { SlackHttpReceiver }] = await Promise.all([
    import('../src/bot/http/httpServer.js'),
    import('../src/bot/slack/slackReceiver.js'),
  ]);
  const quiet = { warn: () => {}, error: () => {}, debug: () => {} };
  const http = createHttpServer({ health: async () => true, logger: quiet, closeGraceMs: 100 });
  const receiver = new SlackHttpReceiver({
    route: http.route.bind(http),
    signingSecret: spec.signingSecret,
    logger: silent,
  });
  const app = new App({ receiver, ...APP_IDS, tokenVerificationEnabled: false, logger: silent });
  app.command('/rapport', async ({ ack }) => ack());
  await app.start();
  const port = await http.listen(0, '127.0.0.1');
  return {
    ready: { port },
    stats: () => ({}),
    close: () => http.close(),
    closeLimitMs: 2000,
  };
}

async function startBolt(spec: BodyChildSpec) {
  const app = new App({
    signingSecret: spec.signingSecret,
    ...APP_IDS,
    tokenVerificationEnabled: false,
    logger: silent,
  });
  app.command('/rapport', async ({ ack }) => ack());
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    ready: { port: (server.address() as AddressInfo).port },
    stats: () => ({}),
    close: () => app.stop().then(() => {}),
    closeLimitMs: 2000,
  };
}

void serveChild((spec: BodyChildSpec) => (spec.mode === 'rapport' ? startRapport(spec) : startBolt(spec)));
