/**
 * Delivered nudges per second against a loopback fake Slack that enforces Slack's posting limits
 * (one message per second per channel, and an overall cap), as a share of the allowed rate. The
 * worker runs as in production (the Slack Notifier, the real clock, real waits), paced just under
 * the limits; the goal is over 95% of the allowed rate with no 429 provoked.
 */

import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../src/bot/logger.js';
import { createSlackNotifier } from '../../src/bot/slack/slackNotifier.js';
import { formatSummary, runPass } from '../../src/bot/worker/pass.js';
import { openDatabase } from '../../src/db/engine.js';
import { nudgeOutbox } from '../../src/db/nudgeOutbox.js';
import { identities, nudges, organizations, persons, spaces } from '../../src/db/schema.js';
import type { BenchContext, Benchmark } from '../benchmark.js';
import { createScratchDatabase } from '../scratchDatabase.js';
import type { ReceiverReply, ReceiverRequest } from './slackReceiverChild.js';

const CHANNELS = 50;
const PER_CHANNEL = 20;
/** What the fake Slack allows. */
const LIMITS = { perChannelIntervalMs: 1000, perSecond: 40 };
/**
 * What the worker is told: a little under, so that a timer firing late (up to `slackMs`) is
 * caught up and requests that arrive closer together than they left still cost no 429:
 * 0.97 * (1 + 20 / 1000) = 0.989 of the limit at worst, in any one-second window.
 */
const PACING = { perChannelIntervalMs: 1100, perSecond: LIMITS.perSecond * 0.97, burst: 1, slackMs: 20 };

/** The fake Slack, started in a child process; resolves once it listens. */
async function startReceiverProcess() {
  const child = fork(
    fileURLToPath(new URL('./slackReceiverChild.ts', import.meta.url)),
    [JSON.stringify(LIMITS)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = <T extends ReceiverReply['type']>(type: T) =>
    new Promise<Extract<ReceiverReply, { type: T }>>((resolve, reject) => {
      const onMessage = (reply: ReceiverReply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolve(reply as Extract<ReceiverReply, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the fake Slack exited with ${code}`)));
    });
  const { apiUrl } = await next('ready');
  const request = (message: ReceiverRequest) => child.send(message);
  return {
    apiUrl,
    stats: async () => {
      const reply = next('stats');
      request({ type: 'stats' });
      return reply;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      request({ type: 'stop' });
      await exited;
    },
  };
}

async function run(ctx: BenchContext): Promise<void> {
  const scratch = ctx.config.databaseUrl ? await createScratchDatabase(ctx.config.databaseUrl, 10) : null;
  const database = scratch?.database ?? (await openDatabase({ dataDir: 'memory://' }));
  const receiver = await startReceiverProcess();
  const logger = createLogger({ level: 'silent', pretty: false });
  try {
    const { db } = database;
    const now = new Date();
    const [org] = await db.insert(organizations).values({ name: 'Bench University' }).returning();
    const [space] = await db
      .insert(spaces)
      .values({ orgId: org!.id, platform: 'slack', externalId: 'TBENCH' })
      .returning();
    const people = await db
      .insert(persons)
      .values(
        Array.from({ length: CHANNELS }, (_, i) => ({
          orgId: org!.id,
          displayName: `Student ${i}`,
          timezone: 'UTC',
          wakeStartMinute: 0,
          wakeEndMinute: 0,
        })),
      )
      .returning();
    await db.insert(identities).values(
      people.map((p, i) => ({
        orgId: org!.id,
        personId: p.id,
        spaceId: space!.id,
        platform: 'slack' as const,
        externalUserId: `U${i}`,
        dmChannelId: `D${i}`,
      })),
    );
    const total = CHANNELS * PER_CHANNEL;
    // Due one after the other, round-robin over the people, as a Monday-morning wave would be.
    await db.insert(nudges).values(
      Array.from({ length: total }, (_, i) => ({
        orgId: org!.id,
        personId: people[i % CHANNELS]!.id,
        kind: 'reflect' as const,
        dedupeKey: `bench:${i}`,
        dueAt: new Date(now.getTime() - 60_000 + i),
      })),
    );

    const notifier = createSlackNotifier({ botToken: 'xoxb-bench', apiUrl: receiver.apiUrl, logger });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await runPass({
      db,
      outbox: nudgeOutbox(db),
      clock: { now: () => new Date() },
      notifiers: new Map([['slack', notifier]]),
      logger,
      options: { rateLimits: { slack: PACING }, concurrency: 8, batchSize: 50 },
    });
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;

    const { arrivals: received, rejected } = await receiver.stats();
    const arrivals = [...received].sort((a, b) => a - b);
    const rateBetween = (from: number, to: number) =>
      (to - from) / ((arrivals[to]! - arrivals[from]!) / 1000);
    const last = arrivals.length - 1;
    const whole = rateBetween(0, last);
    // Without the first and last tenth: the start-up (first claim, first connections) and the
    // tail (the last few channels, each one message a second) are not the sustained rate.
    const steady = rateBetween(Math.floor(last * 0.1), Math.floor(last * 0.9));
    const allowed = Math.min(LIMITS.perSecond, CHANNELS * (1000 / LIMITS.perChannelIntervalMs));
    const share = (rate: number) => `${((rate / allowed) * 100).toFixed(1)}%`;
    const [load1] = loadavg();
    ctx.log(
      `engine ${database.kind}; fake Slack allows 1 message/s per channel and ${LIMITS.perSecond}/s overall (any sliding second); ` +
        `${CHANNELS} DM channels, ${total} nudges; worker paced at ${PACING.perSecond.toFixed(1)}/s; load average ${load1!.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    ctx.log(
      `pass: ${formatSummary(summary)} in ${wall.toFixed(1)} s, ${(cpuMs / total).toFixed(1)} ms CPU per nudge (the worker and its Slack client; the fake Slack runs in a process of its own)`,
    );
    ctx.log(
      `delivered ${arrivals.length}: ${whole.toFixed(2)}/s over the whole run = ${share(whole)} of the allowed ${allowed}/s; ` +
        `${steady.toFixed(2)}/s sustained (middle 80%) = ${share(steady)}`,
    );
    const reasons = rejected.length > 0 ? ` (${rejected.join(', ')} limit)` : '';
    ctx.log(`429s provoked: ${rejected.length}${reasons}`);
  } finally {
    await receiver.stop();
    if (scratch) await scratch.drop();
    else await database.close();
  }
}

export const deliveryRateBenchmark: Benchmark = {
  name: 'worker-delivery-rate',
  description:
    'nudges delivered per second against a fake Slack enforcing 1 message/s per channel and an overall cap',
  run,
};
