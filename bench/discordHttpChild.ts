/**
 * One responder of the discord-http benchmark (bench/discordHttp.ts), in a process of its own so
 * that its resident memory is its own: either a Rapport replica (what `npm start` runs with
 * DISCORD_PUBLIC_KEY: the front door, the Discord adapter in HTTP mode, /metrics, the worker, the
 * real core on PostgreSQL) or a bare node:http server that verifies each request's Ed25519 signature with
 * node:crypto and answers every interaction with a private deferral. Both listen on a free loopback port, sent to
 * the parent with `ready`; sampling and IPC go through ackChildSampler.ts. A third kind of child
 * runs the fake Discord the replicas send their answers to, so that receiving those answers does
 * not load the load generator's own event loop (which the bare responder's phases never do): it
 * tells the parent of each final answer (`final`).
 */
import { subscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGuild, RecordedRequest } from '../tests/support/fakeDiscord.js';
import { percentile, type SampledStats, type Served, send, serveChild } from './ackChildSampler.js';

/** What the parent passes as the one argument (JSON). */
export interface HttpChildSpec {
  mode: 'bot' | 'bare' | 'fake';
  /** The scratch database (bot only). */
  databaseUrl?: string;
  /** The fake Discord's REST base (the webhook edits, the server lookup). */
  apiUrl: string;
  /** DISCORD_APP_ID: the fake Discord's application (bot only). */
  appId?: string;
  token: string;
  /** DISCORD_PUBLIC_KEY. */
  publicKey: string;
  /** The one server the fake Discord knows (fake only). */
  guild?: FakeGuild;
}

/** An edit of an interaction's @original, as the fake Discord received it. */
export interface FinalAnswer {
  type: 'final';
  token: string;
  kind: 'pipeline' | 'slow' | 'other';
}

export type HttpChildMessage =
  | { type: 'ready'; port: number; apiUrl?: string }
  | FinalAnswer
  | { type: 'stats'; stats: SampledStats & { logged: string[]; servedIn: ServedIn } }
  | { type: 'failed'; message: string };
/** Requests as the responder's HTTP server timed them, from headers parsed to response finished. */
export interface ServedIn {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type HttpParentMessage = { type: 'finish' } | { type: 'stop' };

/** What the bot logged at warn and above, as messages (counted by the parent). */
const logged: string[] = [];
const logSink = {
  write(line: string) {
    if (logged.length < 1000) logged.push(String((JSON.parse(line) as { msg?: string }).msg ?? ''));
  },
};

/**
 * A replica as `npm start` runs one with DISCORD_PUBLIC_KEY set (start.ts, from a configuration
 * read as main.ts reads the environment): the front door, the Discord adapter over HTTP, metrics,
 * the in-process worker, on the scratch database.
 */
async function startBot(spec: HttpChildSpec): Promise<{ port: number; close(): Promise<void> }> {
  if (!spec.databaseUrl || !spec.appId)
    throw new Error('the bot needs the scratch database URL and the app id');
  const [{ loadConfig }, { createLogger }, { createLifecycle }, { startRapport }] = await Promise.all([
    import('../src/config.js'),
    import('../src/bot/logger.js'),
    import('../src/bot/shutdown.js'),
    import('../src/bot/start.js'),
  ]);
  const config = loadConfig(
    {
      DATABASE_URL: spec.databaseUrl,
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: spec.token,
      DISCORD_APP_ID: spec.appId,
      DISCORD_API_URL: spec.apiUrl,
      DISCORD_PUBLIC_KEY: spec.publicKey,
    },
    false,
  );
  const logger = createLogger({ level: config.logLevel, pretty: false, destination: logSink });
  // The benchmark, not the replica, decides when this process exits.
  const lifecycle = createLifecycle({ logger, exit: () => {} });
  const { port } = await startRapport({ config, logger, lifecycle });
  if (port === null) throw new Error('the replica did not listen');
  return { port, close: () => lifecycle.shutdown('the benchmark is done') };
}

async function startBare(spec: HttpChildSpec): Promise<{ port: number; close(): Promise<void> }> {
  const { discordPublicKey, isSignedBy } = await import('../src/bot/discord/interactionSignature.js');
  const key = discordPublicKey(spec.publicKey);
  const deferral = Buffer.from(JSON.stringify({ type: 5, data: { flags: 64 } }));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signature = String(req.headers['x-signature-ed25519'] ?? '');
      const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
      const body = Buffer.concat(chunks);
      if (!isSignedBy(key, signature, timestamp, body)) {
        res.writeHead(401).end();
        return;
      }
      // Parsed as any responder must, to know the interaction's type.
      const { type } = JSON.parse(body.toString('utf8')) as { type: number };
      const answer = type === 1 ? Buffer.from('{"type":1}') : deferral;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startFake(
  spec: HttpChildSpec,
): Promise<{ port: number; apiUrl: string; close(): Promise<void> }> {
  const [{ FakeDiscord }, { DISCORD_SENTENCES }] = await Promise.all([
    import('../tests/support/fakeDiscord.js'),
    import('../src/bot/discord/sentences.js'),
  ]);
  const fake = await FakeDiscord.start(spec.guild ? { guilds: [spec.guild] } : {});
  fake.events.on('request', (r: RecordedRequest) => {
    if (r.method !== 'PATCH' || !r.path.startsWith('/webhooks/')) return;
    // The "taking longer" notice is an edit too, but not the answer.
    const text = JSON.stringify(r.body ?? {});
    const kind = text.includes(JSON.stringify(DISCORD_SENTENCES.slow).slice(1, -1))
      ? 'slow'
      : text.includes('Your pipeline')
        ? 'pipeline'
        : 'other';
    void send({ type: 'final', token: r.path.split('/')[3] ?? '', kind } satisfies FinalAnswer);
  });
  return { port: Number(new URL(fake.apiUrl).port), apiUrl: fake.apiUrl, close: () => fake.close() };
}

/**
 * Milliseconds from each request's arrival (its headers parsed) to its response finished, as the
 * responder's own HTTP server saw them: the part of the deferral this process is answerable for.
 */
function watchServed(): () => ServedIn {
  const startedAt = new WeakMap<object, number>();
  const times: number[] = [];
  subscribe('http.server.request.start', (message) => {
    startedAt.set((message as { request: object }).request, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const at = startedAt.get((message as { request: object }).request);
    if (at !== undefined) times.push(performance.now() - at);
  });
  return () => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.at(-1) ?? Number.NaN,
    };
  };
}

async function start(spec: HttpChildSpec): Promise<Served<{ logged: string[]; servedIn: ServedIn }>> {
  const served = watchServed();
  const running =
    spec.mode === 'bot'
      ? await startBot(spec)
      : spec.mode === 'fake'
        ? await startFake(spec)
        : await startBare(spec);
  return {
    ready: { port: running.port, ...('apiUrl' in running ? { apiUrl: running.apiUrl } : {}) },
    stats: () => ({ logged: [...logged], servedIn: served() }),
    close: running.close,
    closeLimitMs: 3000,
  };
}

void serveChild(start);
