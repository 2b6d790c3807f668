/**
 * One side of the Discord ack benchmark (bench/discordAck.ts), in a process of its own so that its
 * resident memory is its own: either the real Rapport bot (the Discord adapter, a discord.js
 * Client, against PostgreSQL) or a bare discord.js Client whose only handler defers every slash
 * command. Both log in to the parent's fake Discord (REST at `apiUrl`, whose `GET /gateway/bot`
 * names its loopback gateway). It samples its RSS every 100 ms from the moment it is ready, counts
 * the requests discord.js's REST client held back for a rate limit, and talks to the parent over
 * IPC (sampling and IPC through ackChildSampler.ts); it exits when told to, or when the parent goes
 * away. The parent runs it transpiled, with plain node, as production runs the bot.
 */
import type { Client, RateLimitData } from 'discord.js';
import { openBenchCore, type SampledStats, type Served, serveChild } from './ackChildSampler.js';

/** What the parent passes as the one argument (JSON). */
export interface ChildSpec {
  mode: 'bot' | 'bare';
  /** The scratch database (bot only). */
  databaseUrl?: string;
  /** The fake Discord's REST base (discord.js appends `/v10/...`). */
  apiUrl: string;
  token: string;
  /**
   * For an experiment (RAPPORT_BENCH_DISCORD_GLOBAL_RPS): the REST client's global budget, in
   * requests per second, instead of discord.js's default of 50; "Infinity" lifts it.
   */
  globalRequestsPerSecond?: string;
}

/** Memory and CPU figures (bytes, milliseconds), and what discord.js's REST client waited for. */
export interface ChildStats extends SampledStats {
  /**
   * `rateLimited` events of the REST client: a request held back before it was sent, by
   * discord.js's own global budget (`globalRequestsPerSecond`, 50 by default) or a route's bucket
   * as the response headers described it.
   */
  rateLimited: { global: number; route: number };
  /** The global budget the REST client ran with (requests per second; a string for Infinity). */
  globalRequestsPerSecond: string;
  /** What the bot logged at warn and above, by message (the bare client logs nothing). */
  logged: { level: string; msg: string; count: number }[];
}

/** `finish`: the load is over, report the figures; `stop`: close everything and exit. */
export type ParentMessage = { type: 'finish' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'stats'; stats: ChildStats }
  | { type: 'failed'; message: string };

interface Running {
  client: Client;
  close(): Promise<void>;
}

/** How long `stop` waits for the interactions still in flight before the process exits anyway. */
const CLOSE_LIMIT_MS = 3000;

/** The bot's log lines at warn and above, counted by level and message rather than printed. */
const logged = new Map<string, { level: string; msg: string; count: number }>();
const LEVELS: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };
const logCounter = {
  write(line: string) {
    const { level, msg } = JSON.parse(line) as { level: number; msg?: string };
    const entry = { level: LEVELS[level] ?? String(level), msg: msg ?? '' };
    const key = `${entry.level} ${entry.msg}`;
    const known = logged.get(key);
    if (known) known.count += 1;
    else logged.set(key, { ...entry, count: 1 });
  },
};

/** Sets the REST client's global budget (discord.js reads it anew at each one-second window). */
function setGlobalBudget(client: Client, perSecond: string | undefined): void {
  if (perSecond === undefined) return;
  const value = Number(perSecond);
  if (!(value > 0)) throw new Error(`not a budget in requests per second: ${perSecond}`);
  client.rest.options.globalRequestsPerSecond = value;
  client.rest.globalRemaining = value;
}

async function startBot(spec: ChildSpec): Promise<Running> {
  if (!spec.databaseUrl) throw new Error('the bot needs the scratch database URL');
  // Loaded here, not at the top, so that the bare client's process holds discord.js alone.
  const [{ createLogger }, { createDiscordAdapter }] = await Promise.all([
    import('../src/bot/logger.js'),
    import('../src/bot/discord/discordAdapter.js'),
  ]);
  const logger = createLogger({ level: 'warn', pretty: false, destination: logCounter });
  const { database, rapport } = await openBenchCore(spec.databaseUrl, logger);
  // As main.ts builds it; the adapter's own defaults (slow notice after 5 s) apply.
  const adapter = createDiscordAdapter({
    api: rapport,
    discord: { token: spec.token, apiUrl: spec.apiUrl },
    logger,
  });
  try {
    setGlobalBudget(adapter.client, spec.globalRequestsPerSecond);
    await adapter.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    client: adapter.client,
    close: async () => {
      await adapter.stop();
      await database.close();
    },
  };
}

async function startBare(spec: ChildSpec): Promise<Running> {
  // The stock discord.js bot: a Client with the same intents and REST base as ours, deferring.
  const { Client, Events, GatewayIntentBits, MessageFlags } = await import('discord.js');
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: spec.apiUrl } });
  setGlobalBudget(client, spec.globalRequestsPerSecond);
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    interaction.deferReply({ flags: MessageFlags.Ephemeral }).catch((error: unknown) => {
      process.stderr.write(`bare client: could not defer: ${String(error)}\n`);
    });
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(spec.token);
  await ready;
  return { client, close: () => client.destroy() };
}

/** The client of the spec, with the REST client's rate limits counted, served to the parent. */
async function start(spec: ChildSpec): Promise<Served<Omit<ChildStats, keyof SampledStats>>> {
  const running = spec.mode === 'bot' ? await startBot(spec) : await startBare(spec);
  const rateLimited = { global: 0, route: 0 };
  running.client.rest.on('rateLimited', (info: RateLimitData) => {
    if (info.global) rateLimited.global += 1;
    else rateLimited.route += 1;
  });
  return {
    ready: {},
    stats: () => ({
      rateLimited: { ...rateLimited },
      globalRequestsPerSecond: String(running.client.rest.options.globalRequestsPerSecond),
      logged: [...logged.values()],
    }),
    // Answers still queued in the REST client would hold the exit for as long as they take.
    close: running.close,
    closeLimitMs: CLOSE_LIMIT_MS,
  };
}

void serveChild(start);
