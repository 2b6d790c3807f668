/**
 * The Discord ack benchmark, the counterpart of slack-ack: how long Discord waits for the bot's
 * first answer to a `/rapport list` slash command, with 50 clients at once and PostgreSQL holding
 * 1,000 students of 10 contacts each, beside a bare discord.js Client that only defers, in the
 * same run. Discord gives an interaction three seconds for its first answer (here the deferral,
 * `POST /interactions/{id}/{token}/callback` type 5); the goals are a p99 far under 3,000 ms and
 * the bot under 200 MB of resident memory. Every interaction must also get its final answer, the
 * edit `PATCH /webhooks/{app}/{token}/messages/@original` holding the student's pipeline.
 *
 * The bot (the real Discord adapter, a discord.js Client, with the real core) and the bare client
 * each run in a child process (discordAckChild.ts, transpiled and run with plain node), so the RSS
 * reported is the bot's own. This process seeds the throwaway database, runs the fake Discord
 * (tests/support/fakeDiscord.ts: REST, and the loopback gateway its `GET /gateway/bot` names) and
 * generates the load: each client dispatches an INTERACTION_CREATE over the gateway socket and
 * waits for the callback before the next. The time measured runs from the dispatch written to the
 * socket to the callback request arriving at the fake's REST, which is what Discord's deadline
 * covers. All traffic stays on 127.0.0.1. The bot runs with the node flags of `npm run start:prod`
 * (or RAPPORT_BENCH_NODE_FLAGS, as slack-ack), the bare client with node's defaults.
 *
 * discord.js's REST client keeps its own global budget (default 50 requests/s, not read from
 * response headers) and would count the edits of interaction messages against it, although
 * Discord exempts interaction endpoints from its global limit; the adapter therefore lifts it
 * (`globalRequestsPerSecond: Infinity`), while the bare client keeps the default (its deferral
 * callbacks are not counted). The figures report how often it held a request back. For an
 * experiment, RAPPORT_BENCH_DISCORD_GLOBAL_RPS sets that budget in both clients.
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DISCORD_SENTENCES } from '../src/bot/discord/discordAdapter.js';
import {
  chatInputInteraction,
  FakeDiscord,
  type FakeGuild,
  type FakeUser,
  type RecordedRequest,
} from '../tests/support/fakeDiscord.js';
import * as ack from './ackBench.js';
import type { Benchmark } from './benchmark.js';
import type { ChildMessage, ChildSpec, ChildStats, ParentMessage } from './discordAckChild.js';

export interface DiscordAckBenchOptions extends ack.BenchSizes {
  /** Measured interactions per client process (default 5,000), after a warm-up of a tenth as many. */
  interactions?: number;
  /** Also measure a bare discord.js Client that only defers (default true). */
  bare?: boolean;
}

const GUILD: FakeGuild = {
  id: '1150000000000000001',
  name: 'Bench University',
  channelId: '1150000000000000002',
};
const BOT_TOKEN = 'bench-discord-bot-token';
/** An interaction not acknowledged by then counts as failed (Discord itself gives up after 3 s). */
const ACK_TIMEOUT_MS = 10_000;
/** Warm-up plus measured interactions of one client process stop being sent after this. */
const PHASE_LIMIT_MS = 40_000;
/**
 * How long the bot may take, after its last ack, to send the last final answer: as slack-ack's
 * limit for its replies. The bot works through the backlog at its own pace (its work queue), so
 * the last of 5,500 answers comes well after the last ack.
 */
const REPLY_LIMIT_MS = 50_000;

const GOALS = { p99Ms: 3000, rssMb: 200 } as const;

/** A snowflake-shaped id (19 digits), as discord.js's REST routes expect of Discord's ids. */
const userId = (index: number) => (1_200_000_000_000_000_000n + BigInt(index + 1)).toString();
/** As Discord sends a member without a nickname or global name: the adapter reads the username. */
const studentUser = (index: number): FakeUser => ({ id: userId(index), username: ack.userName(index) });
/** The server and its students as seeded. */
const SPACE = { platform: 'discord', externalId: GUILD.id, name: GUILD.name, userId } as const;

/** The interaction token of a callback or webhook path: `/interactions/{id}/{token}/callback`. */
const tokenOf = (path: string) => path.split('/')[3] ?? '';

/**
 * What the fake Discord receives for the benchmark's interactions, read from its `request` events
 * (one listener, not a `waitForRequest` per interaction, which would scan every request so far).
 */
class Answers {
  /** Callbacks awaited, by token. */
  private readonly waiting = new Map<string, (request: RecordedRequest | undefined) => void>();
  /** Callbacks that came after their interaction had been given up (ACK_TIMEOUT_MS). */
  lateAcks = 0;
  /** Final answers (edits other than the "taking longer" notice), by token: with the pipeline? */
  readonly finals = new Map<string, boolean>();
  /** Edits telling the person the work is slow (the adapter sends one after 5 s). */
  slowNotices = 0;
  /** Every edit of an interaction's message (notices and final answers). */
  edits = 0;
  /** Edits that the fake refused or did not know (never expected). */
  refused = 0;
  lastFinalAt = 0;

  constructor(fake: FakeDiscord) {
    fake.events.on('request', (request: RecordedRequest) => this.onRequest(request));
  }

  /** Resolves with the interaction's callback, or undefined when none came within the timeout. */
  callback(token: string): Promise<RecordedRequest | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        resolve(undefined);
      }, ACK_TIMEOUT_MS);
      this.waiting.set(token, (request) => {
        clearTimeout(timer);
        resolve(request);
      });
    });
  }

  private onRequest(request: RecordedRequest): void {
    if (request.status !== undefined && request.status >= 300) this.refused += 1;
    if (request.method === 'POST' && request.path.startsWith('/interactions/')) {
      const token = tokenOf(request.path);
      const waiter = this.waiting.get(token);
      if (!waiter) {
        this.lateAcks += 1;
        return;
      }
      this.waiting.delete(token);
      waiter(request);
    } else if (request.method === 'PATCH' && request.path.startsWith('/webhooks/')) {
      this.edits += 1;
      const text = JSON.stringify(request.body ?? {});
      if (text.includes(DISCORD_SENTENCES.slow)) {
        this.slowNotices += 1;
        return;
      }
      this.finals.set(tokenOf(request.path), text.includes('Your pipeline'));
      this.lastFinalAt = Math.max(this.lastFinalAt, request.receivedAt);
    }
  }
}

/**
 * Latencies: milliseconds from the dispatch to the callback's arrival, one per acknowledged
 * interaction; failures: interactions not deferred ("no answer" in time, or a callback of another type).
 */
interface Load extends ack.Load {
  /** The tokens of the acknowledged interactions, whose final answers are awaited. */
  acked: string[];
  /** performance.now() when the last ack arrived. */
  lastAckAt: number;
}

/**
 * `count` `/rapport list` interactions from `concurrency` clients over the one gateway socket,
 * each dispatching its next interaction when the previous one is acknowledged.
 */
async function fire(
  fake: FakeDiscord,
  answers: Answers,
  options: { count: number; concurrency: number; deadline: number; students: number; seed: number },
): Promise<Load> {
  const pick = ack.prng(options.seed);
  const latencies: number[] = [];
  const acked: string[] = [];
  const failures = new Map<string, number>();
  const fail = (reason: string) => failures.set(reason, (failures.get(reason) ?? 0) + 1);
  let lastAckAt = 0;
  let next = 0;
  const started = performance.now();

  const client = async () => {
    while (next < options.count && performance.now() < options.deadline) {
      next += 1;
      const student = Math.floor(pick() * options.students);
      const payload = chatInputInteraction({
        user: studentUser(student),
        guild: GUILD,
        command: 'rapport',
        subcommand: 'list',
      });
      const callback = answers.callback(payload.token);
      // ws hands the frame to the socket synchronously: once this returns, it is written.
      fake.dispatchInteraction(payload);
      const sentAt = performance.now();
      const request = await callback;
      const type = (request?.body as { type?: unknown } | undefined)?.type;
      if (!request) fail('no answer');
      else if (request.status !== 204) fail(`HTTP ${request.status}`);
      else if (type !== 5) fail(`callback type ${String(type)}`);
      else {
        latencies.push(request.receivedAt - sentAt);
        acked.push(payload.token);
        lastAckAt = Math.max(lastAckAt, request.receivedAt);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { latencies, acked, sent: next, failures, wallMs: performance.now() - started, lastAckAt };
}

interface Replies {
  /** Acknowledged interactions whose message was edited with a final answer. */
  arrived: number;
  /** Of those, how many carried the student's pipeline (not an error or an apology). */
  pipelines: number;
  slowNotices: number;
  /** From the last ack to the last final answer (or to giving up). */
  tailMs: number;
  /** How many final answers had arrived when the last ack came. */
  arrivedAtLastAck: number;
  /** Edits (notices and final answers) per second while this waited. */
  editsPerSecond: number;
}

/** Waits until every acknowledged interaction has had its final answer, or the limit. */
async function waitForReplies(answers: Answers, tokens: string[], lastAckAt: number): Promise<Replies> {
  const arrived = () => tokens.filter((token) => answers.finals.has(token)).length;
  const arrivedAtLastAck = arrived();
  const editsBefore = answers.edits;
  const waitStarted = performance.now();
  while (arrived() < tokens.length && performance.now() - lastAckAt < REPLY_LIMIT_MS) await sleep(100);
  const done = arrived();
  return {
    arrived: done,
    pipelines: tokens.filter((token) => answers.finals.get(token) === true).length,
    slowNotices: answers.slowNotices,
    tailMs: (done === tokens.length ? answers.lastFinalAt : performance.now()) - lastAckAt,
    arrivedAtLastAck,
    editsPerSecond: (answers.edits - editsBefore) / Math.max(0.001, (performance.now() - waitStarted) / 1000),
  };
}

interface Phase {
  measured: Load;
  warmup: Load;
  stats: ChildStats;
  /** Late callbacks and refused requests seen by the fake. */
  lateAcks: number;
  refused: number;
  replies?: Replies;
}

/** The bare client runs with node's defaults. */
interface PhaseSettings extends ack.BenchSetup {
  interactions: number;
  /** RAPPORT_BENCH_DISCORD_GLOBAL_RPS, for both clients. */
  globalBudget: string | undefined;
}

/** One client process against a fake Discord of its own (so no socket of the other lingers). */
async function runPhase(mode: ChildSpec['mode'], settings: PhaseSettings): Promise<Phase> {
  const fake = await FakeDiscord.start({ guilds: [GUILD] });
  let child: ack.Child<ChildMessage, ParentMessage> | undefined;
  try {
    const answers = new Answers(fake);
    child = await ack.startChild(
      settings.entry,
      {
        mode,
        apiUrl: fake.apiUrl,
        token: BOT_TOKEN,
        ...(mode === 'bot' ? { databaseUrl: settings.databaseUrl } : {}),
        ...(settings.globalBudget === undefined ? {} : { globalRequestsPerSecond: settings.globalBudget }),
      },
      mode === 'bot' ? settings.botFlags : [],
    );
    const deadline = performance.now() + PHASE_LIMIT_MS;
    const shared = { concurrency: settings.concurrency, deadline, students: settings.students };
    const warmup = await fire(fake, answers, { ...shared, count: settings.warmup, seed: 1 });
    const measured = await fire(fake, answers, { ...shared, count: settings.interactions, seed: 2 });
    const replies =
      mode === 'bot'
        ? await waitForReplies(
            answers,
            [...warmup.acked, ...measured.acked],
            Math.max(warmup.lastAckAt, measured.lastAckAt),
          )
        : undefined;
    const answer = await child.ask({ type: 'finish' }, 'stats', 10_000);
    const stats = (answer as Extract<ChildMessage, { type: 'stats' }>).stats;
    return {
      measured,
      warmup,
      stats,
      lateAcks: answers.lateAcks,
      refused: answers.refused,
      ...(replies ? { replies } : {}),
    };
  } finally {
    await child?.stop();
    await fake.close();
  }
}

/** Milliseconds of the client's CPU per acknowledged interaction, warm-up included. */
const cpuPerInteraction = (phase: Phase) =>
  phase.stats.cpuMs / Math.max(1, phase.warmup.latencies.length + phase.measured.latencies.length);

function describeRateLimits(stats: ChildStats): string {
  const { global, route } = stats.rateLimited;
  const budget =
    process.env.RAPPORT_BENCH_DISCORD_GLOBAL_RPS === undefined ? '' : ' (RAPPORT_BENCH_DISCORD_GLOBAL_RPS)';
  return (
    `${ack.count(global)} × its global budget of ${stats.globalRequestsPerSecond} requests/s${budget}, ` +
    `${ack.count(route)} × a route bucket`
  );
}

function report(
  log: (line: string) => void,
  run: { concurrency: number; interactions: number; warmup: number; loadBefore: number; botFlags: string[] },
  bare: Phase | undefined,
  bot: Phase,
): void {
  const r = ack.figures(bot.measured);
  log(
    `/rapport list INTERACTION_CREATEs from ${run.concurrency} clients over the one gateway socket, ` +
      `${ack.count(run.warmup)} warm-up then ${ack.count(run.interactions)} measured per client process; time from ` +
      'the dispatch written to the socket to the deferral callback reaching the REST API (the ack):',
  );
  if (bare) log(ack.row('bare d.js', bare.measured, 13));
  log(ack.row('Rapport', bot.measured, 13));
  if (bare) {
    const b = ack.figures(bare.measured);
    log(
      `ratio Rapport / bare discord.js: p50 ${(r.p50 / b.p50).toFixed(2)}, p99 ${(r.p99 / b.p99).toFixed(2)}` +
        '  (for comparison; no goal)',
    );
  }
  log(ack.p99Line(r.p99, GOALS.p99Ms));
  log(
    ack.rssLine(bot.stats, GOALS.rssMb) +
      (bare
        ? `;  bare discord.js: peak ${ack.mb(bare.stats.peakRss)}, ${ack.mb(bare.stats.readyRss)} when ready`
        : ''),
  );
  log(
    ack.botFlagsLine(run.botFlags, bot.stats.peakHeapTotal) +
      (bare ? ", the bare client ran with node's defaults" : ''),
  );
  if (bot.replies) {
    const { arrived, pipelines, slowNotices, tailMs, arrivedAtLastAck, editsPerSecond } = bot.replies;
    const acked = bot.warmup.latencies.length + bot.measured.latencies.length;
    const rate = arrived / ((bot.warmup.wallMs + bot.measured.wallMs + tailMs) / 1000);
    const tail = (tailMs / 1000).toFixed(1);
    log(
      `final answers (the edit of @original): ${ack.count(arrived)} of ${ack.count(acked)} acked interactions, ` +
        `${ack.count(pipelines)} of them the student's pipeline, ${ack.count(arrivedAtLastAck)} in by the last ack; ` +
        (arrived === acked
          ? `the last came ${tail} s after the last ack`
          : `stopped waiting ${tail} s after the last ack -- FINAL ANSWERS MISSING`) +
        ` (${rate.toFixed(0)} answers/s end to end)` +
        (slowNotices > 0 ? `; ${ack.count(slowNotices)} "taking longer" notices` : '') +
        `; after the last ack, edits (notices and answers) reached the fake at ${editsPerSecond.toFixed(0)}/s`,
    );
  }
  log(
    `discord.js's REST client held requests back: Rapport ${describeRateLimits(bot.stats)}` +
      (bare ? `; bare ${describeRateLimits(bare.stats)}` : '') +
      `; the fake refused ${ack.count(bot.refused + (bare?.refused ?? 0))} requests and saw ` +
      `${ack.count(bot.lateAcks + (bare?.lateAcks ?? 0))} acks after their interaction was given up`,
  );
  const logged = bot.stats.logged
    .sort((a, b) => b.count - a.count)
    .map((entry) => `${ack.count(entry.count)} × ${entry.level} "${entry.msg}"`);
  log(`the bot logged ${logged.length ? logged.join(', ') : 'nothing at warn or above'}`);
  log(
    `CPU per interaction: Rapport ${ack.ms(cpuPerInteraction(bot))}` +
      (bare ? `, bare discord.js ${ack.ms(cpuPerInteraction(bare))}` : '') +
      '; warm-up: ' +
      (bare ? `bare ${ack.describeFailures(bare.warmup)}, ` : '') +
      `Rapport ${ack.describeFailures(bot.warmup)}`,
  );
  log(ack.machineLine(run.loadBefore, 'Discord'));
}

/**
 * Runs the benchmark and prints its figures. Creates a throwaway database
 * `rapport_bench_<random>` on the server and drops it at the end, also when something fails.
 */
export async function runDiscordAckBench(options: DiscordAckBenchOptions = {}): Promise<void> {
  const interactions = options.interactions ?? 5000;
  await ack.withSeededBench(options, interactions, SPACE, 'discordAckChild.ts', async (setup) => {
    const settings: PhaseSettings = {
      ...setup,
      interactions,
      globalBudget: process.env.RAPPORT_BENCH_DISCORD_GLOBAL_RPS,
    };
    const loadBefore = loadavg()[0]!;
    const bare = options.bare === false ? undefined : await runPhase('bare', settings);
    const bot = await runPhase('bot', settings);
    const { concurrency, warmup, botFlags } = setup;
    report(setup.log, { concurrency, interactions, warmup, loadBefore, botFlags }, bare, bot);
  });
}

export const discordAckBenchmark: Benchmark = {
  name: 'discord-ack',
  description:
    'time to the deferral of a /rapport list interaction (50 clients, 1,000 students × 10 contacts, PostgreSQL) beside a bare discord.js Client, and the bot peak RSS',
  run: (ctx) =>
    runDiscordAckBench({ databaseUrl: ctx.config.databaseUrl ?? ack.DEFAULT_DATABASE_URL, log: ctx.log }),
};
