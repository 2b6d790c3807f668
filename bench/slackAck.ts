/**
 * The Slack ack benchmark (issue 4, "Speed"): how long Slack waits for the HTTP response to a
 * signed `/rapport list`, with 50 clients firing at once and PostgreSQL holding 1,000 students of
 * 10 contacts each, beside a bare Bolt app that only acks, in the same run. Slack gives an app
 * three seconds; the goals are a p50 and p99 under twice the bare app's, a p99 far under 3,000 ms,
 * and the bot under 200 MB of resident memory.
 *
 * The bot (the real Slack adapter on the shared HTTP server) and the bare app (Bolt's own
 * HTTPReceiver) each run in a child process (slackAckChild.ts, transpiled and run with plain
 * node), so the RSS reported is the bot's own; this process seeds the throwaway database, runs the
 * fake Slack Web API that receives the `respond()` replies, and generates the load. All traffic
 * stays on 127.0.0.1. The bot runs with the node flags of `npm run start:prod` (its heap budget,
 * see README "Memory"); the bare app with node's defaults, as a stock Bolt app would.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeSlack, signSlackRequest, startFakeSlack } from '../tests/support/fakeSlack.js';
import type { BenchSetup, BenchSizes, Child, Load } from './ackBench.js';
import {
  botFlagsLine,
  count,
  DEFAULT_DATABASE_URL,
  describeFailures,
  figures,
  machineLine,
  mb,
  ms,
  p99Line,
  prng,
  row,
  rssLine,
  startChild,
  userName,
  verdict,
  withSeededBench,
} from './ackBench.js';
import type { Benchmark } from './benchmark.js';
import type { ChildMessage, ChildSpec, ChildStats, ParentMessage } from './slackAckChild.js';
import { replyRun, reportReplies } from './slackReply.js';

export interface SlackAckBenchOptions extends BenchSizes {
  /** Measured requests per app (default 5,000), after a warm-up of a tenth as many. */
  requests?: number;
}

const TEAM = { id: 'T0BENCH', domain: 'bench-u' } as const;
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-bot-token';
/** Exactly this: Bolt answers 400 to a form with `; charset=...`. */
const FORM = 'application/x-www-form-urlencoded';
/** A request not answered by then counts as failed (Slack itself gives up after 3 s). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Warm-up plus measured requests of one app stop being sent after this, finished or not. */
const PHASE_LIMIT_MS = 45_000;
/** How long the bot may take, after its last ack, to post the last reply to its response_url. */
const REPLY_LIMIT_MS = 50_000;

const GOALS = { ratio: 2, p99Ms: 3000, rssMb: 200 } as const;

const userId = (index: number) => `U${String(index + 1).padStart(4, '0')}`;
/** The workspace and its students as seeded (user ids U0001...). */
const SPACE = { platform: 'slack', externalId: TEAM.id, name: TEAM.domain, userId } as const;

/**
 * `count` signed `/rapport list` POSTs from `concurrency` clients, each sending its next request
 * when the previous one is answered. Node's fetch keeps the connections alive.
 */
async function fire(
  target: string,
  fake: FakeSlack,
  options: {
    label: string;
    count: number;
    concurrency: number;
    deadline: number;
    students: number;
    /** Seeds the choice of students; the same for both apps. */
    seed: number;
  },
): Promise<Load> {
  const pick = prng(options.seed);
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (status: number) => {
    const reason = status === 0 ? 'no answer' : String(status);
    failures.set(reason, (failures.get(reason) ?? 0) + 1);
  };
  let next = 0;
  let busy = 0;
  const started = performance.now();

  const client = async () => {
    while (next < options.count && performance.now() < options.deadline) {
      const n = next;
      next += 1;
      const student = Math.floor(pick() * options.students);
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: TEAM.id,
        team_domain: TEAM.domain,
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: userId(student),
        user_name: userName(student),
        command: '/rapport',
        text: 'list',
        api_app_id: 'A0RAPPORT',
        is_enterprise_install: 'false',
        response_url: fake.responseUrl(`${options.label}-${n}`),
        trigger_id: `${n}.${Date.now()}.${randomBytes(8).toString('hex')}`,
      }).toString();
      const headers = {
        'content-type': FORM,
        ...signSlackRequest(body, SIGNING_SECRET, Math.floor(Date.now() / 1000)),
      };
      const sentAt = performance.now();
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const ack = await response.text();
        if (response.status === 200) latencies.push(performance.now() - sentAt);
        else fail(response.status);
        if (ack.includes('busy')) busy += 1;
      } catch {
        fail(0);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { latencies, sent: next, failures, wallMs: performance.now() - started, busy };
}

interface Replies {
  /** Distinct response_urls that received a post. */
  arrived: number;
  /** Of those, how many carried the student's pipeline (not an error or an apology). */
  pipelines: number;
  /** From the last ack to the last reply. */
  tailMs: number;
}

/** Waits until every request of the phase has had its reply posted to the fake, or the limit. */
async function waitForReplies(fake: FakeSlack, prefix: string, expected: number): Promise<Replies> {
  const started = performance.now();
  const ids = new Set<string>();
  let pipelines = 0;
  let read = 0;
  // Only what arrived since the last look is read: the fake keeps every post in one array.
  const catchUp = () => {
    for (; read < fake.responses.length; read += 1) {
      const { id, body } = fake.responses[read]!;
      if (!id.startsWith(prefix) || ids.has(id)) continue;
      ids.add(id);
      if (JSON.stringify(body).includes('Your pipeline')) pipelines += 1;
    }
  };
  catchUp();
  while (ids.size < expected && performance.now() - started < REPLY_LIMIT_MS) {
    await sleep(50);
    catchUp();
  }
  return { arrived: ids.size, pipelines, tailMs: performance.now() - started };
}

interface Phase {
  measured: Load;
  warmup: Load;
  stats: ChildStats;
  replies?: Replies;
}

/** The bare app runs with node's defaults, as a stock Bolt app would. */
interface PhaseSettings extends BenchSetup {
  requests: number;
}

async function runPhase(mode: ChildSpec['mode'], fake: FakeSlack, settings: PhaseSettings): Promise<Phase> {
  const child: Child<ChildMessage, ParentMessage> = await startChild(
    settings.entry,
    {
      mode,
      apiUrl: fake.apiUrl,
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      ...(mode === 'bot' ? { databaseUrl: settings.databaseUrl } : {}),
    },
    mode === 'bot' ? settings.botFlags : [],
  );
  try {
    // Both apps answer Slack at /slack/events (ours on the shared server, Bolt's on its own).
    const target = `http://127.0.0.1:${child.ready.port}/slack/events`;
    const deadline = performance.now() + PHASE_LIMIT_MS;
    const shared = { concurrency: settings.concurrency, deadline, students: settings.students };
    const warmup = await fire(target, fake, {
      ...shared,
      label: `${mode}-w`,
      count: settings.warmup,
      seed: 1,
    });
    const measured = await fire(target, fake, {
      ...shared,
      label: `${mode}-m`,
      count: settings.requests,
      seed: 2,
    });
    const replies =
      mode === 'bot'
        ? await waitForReplies(
            fake,
            `${mode}-`,
            warmup.latencies.length + measured.latencies.length - (warmup.busy ?? 0) - (measured.busy ?? 0),
          )
        : undefined;
    const answer = await child.ask({ type: 'finish' }, 'stats', 10_000);
    const stats = (answer as Extract<ChildMessage, { type: 'stats' }>).stats;
    return { measured, warmup, stats, ...(replies ? { replies } : {}) };
  } finally {
    await child.stop();
  }
}

/** Milliseconds of the app's CPU per acknowledged request, warm-up included. */
const cpuPerRequest = (phase: Phase) =>
  phase.stats.cpuMs / Math.max(1, phase.warmup.latencies.length + phase.measured.latencies.length);

function report(
  log: (line: string) => void,
  run: { concurrency: number; requests: number; warmup: number; loadBefore: number; botFlags: string[] },
  bare: Phase,
  bot: Phase,
): void {
  const b = figures(bare.measured);
  const r = figures(bot.measured);
  const ratio50 = r.p50 / b.p50;
  const ratio99 = r.p99 / b.p99;
  log(
    `signed /rapport list POSTs from ${run.concurrency} keep-alive clients, ${count(run.warmup)} warm-up ` +
      `then ${count(run.requests)} measured per app; time from send to the complete HTTP response (the ack):`,
  );
  log(row('bare Bolt', bare.measured, 10));
  log(row('Rapport', bot.measured, 10));
  log(
    `ratio Rapport / bare: p50 ${ratio50.toFixed(2)}, p99 ${ratio99.toFixed(2)}  ` +
      `(goal under ${GOALS.ratio}: ${verdict(ratio50 < GOALS.ratio && ratio99 < GOALS.ratio)})`,
  );
  log(p99Line(r.p99, GOALS.p99Ms));
  log(`${rssLine(bot.stats, GOALS.rssMb)};  bare Bolt: peak ${mb(bare.stats.peakRss)}`);
  log(`${botFlagsLine(run.botFlags, bot.stats.peakHeapTotal)}, the bare app ran with node's defaults`);
  if (bot.replies) {
    const { arrived, pipelines, tailMs } = bot.replies;
    const busy = (bot.warmup.busy ?? 0) + (bot.measured.busy ?? 0);
    const acked = bot.warmup.latencies.length + bot.measured.latencies.length - busy;
    const rate = arrived / ((bot.warmup.wallMs + bot.measured.wallMs + tailMs) / 1000);
    const tail = (tailMs / 1000).toFixed(1);
    log(
      `replies posted by respond() to the response_url: ${count(arrived)} of ${count(acked)} acked ` +
        `requests (${count(busy)} more were acked "busy", with no reply by design), ` +
        `${count(pipelines)} of them the student's pipeline; ` +
        (arrived === acked
          ? `the last came ${tail} s after the last ack`
          : `stopped waiting ${tail} s after the last ack -- REPLIES MISSING`) +
        ` (${rate.toFixed(0)} replies/s end to end)`,
    );
  }
  log(
    `CPU per request: Rapport ${ms(cpuPerRequest(bot))}, bare Bolt ${ms(cpuPerRequest(bare))}; ` +
      `warm-up: bare ${describeFailures(bare.warmup)}, Rapport ${describeFailures(bot.warmup)}`,
  );
  log(machineLine(run.loadBefore, 'Slack'));
}

/**
 * Runs the benchmark and prints its figures. Creates a throwaway database
 * `rapport_bench_<random>` on the server and drops it at the end, also when something fails.
 */
export async function runSlackAckBench(options: SlackAckBenchOptions = {}): Promise<void> {
  const requests = options.requests ?? 5000;
  await withSeededBench(options, requests, SPACE, 'slackAckChild.ts', async (setup) => {
    const fake = await startFakeSlack({ teamId: TEAM.id, defaultTimezone: 'America/Chicago' });
    try {
      const settings = { ...setup, requests };
      const loadBefore = loadavg()[0]!;
      const bare = await runPhase('bare', fake, settings);
      const bot = await runPhase('bot', fake, settings);
      const { concurrency, warmup, botFlags } = setup;
      report(setup.log, { concurrency, requests, warmup, loadBefore, botFlags }, bare, bot);
      fake.responses.splice(0);
      const slack = { team: TEAM, secret: SIGNING_SECRET, botToken: BOT_TOKEN };
      const loadBeforeReplies = loadavg()[0]!;
      const bareReplies = await replyRun(
        { mode: 'bare-db', label: 'bare Bolt + SELECT 1' },
        fake,
        setup,
        slack,
      );
      const botReplies = await replyRun({ mode: 'bot', label: 'Rapport' }, fake, setup, slack);
      reportReplies(setup.log, bareReplies, botReplies);
      setup.log(machineLine(loadBeforeReplies, 'Slack'));
    } finally {
      await fake.close();
    }
  });
}

export const slackAckBenchmark: Benchmark = {
  name: 'slack-ack',
  description:
    'time to the ack of a signed /rapport list (50 clients, 1,000 students × 10 contacts, PostgreSQL) beside a bare Bolt app, and the bot peak RSS; then open-loop replies at fixed rates beside a bare app that runs SELECT 1 and responds',
  run: (ctx) =>
    runSlackAckBench({ databaseUrl: ctx.config.databaseUrl ?? DEFAULT_DATABASE_URL, log: ctx.log }),
};
