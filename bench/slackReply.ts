/**
 * The reply half of `npm run bench -- slack-ack` (issue 12, "Benchmarks"): open-loop signed
 * `/rapport list` at fixed offered rates, each request sent at its scheduled time whatever the
 * earlier ones are doing, and the time from that scheduled time until the answer reaches the
 * response_url (so a bot that falls behind is charged for it). Beside the bot, in the same run, a
 * bare Bolt app that acks, runs one `SELECT 1` on PostgreSQL and responds. Per rate: reply p50 /
 * p99 and whether the backlog grows (replies still missing two seconds after the last send); per
 * app, the peak RSS over all rates (the highest rate is the flood).
 *
 * Before the rates, each app answers every student once at 100/s (the first sight): a bot process
 * meets each person once, asking Slack for their time zone before the first answer, and the
 * goals are about students the bot already knows. That pass is reported on a line of its own.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeSlack, signSlackRequest } from '../tests/support/fakeSlack.js';
import { type BenchSetup, type Child, count, mb, ms, startChild, userName } from './ackBench.js';
import type { ChildMessage, ChildSpec, ChildStats, ParentMessage } from './slackAckChild.js';

export const OFFERED_RATES = [100, 200, 400] as const;
/** Seconds each rate is offered. */
const SECONDS_PER_RATE = 10;
/** The rate of the first-sight pass (every student once). */
const FIRST_SIGHT_RATE = 100;
/** Replies still missing this long after the last send: the app fell behind at that rate. */
const DRAIN_MS = 2000;
/** How long to wait for the last replies of a rate before counting them missing. */
const GIVE_UP_MS = 20_000;
const GOALS = { p99Ratio: 2, rate: 400, rssRatio: 1.3 } as const;

export interface ReplyApp {
  mode: ChildSpec['mode'];
  label: string;
}

interface RateResult {
  rate: number;
  sent: number;
  replies: number[];
  /** Answered "busy" in the ack (the bot's queue was full): no reply follows, by design. */
  busy: number;
  /** Replies missing DRAIN_MS after the last send. */
  late: number;
  missing: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** One rate against one app: sends on schedule, then waits for the replies. */
async function offer(
  target: string,
  fake: FakeSlack,
  spec: {
    label: string;
    rate: number;
    seconds: number;
    students: number;
    team: { id: string; domain: string };
    secret: string;
  },
): Promise<RateResult> {
  const total = Math.round(spec.rate * spec.seconds);
  const scheduled = new Map<string, number>();
  const started = performance.now() + 50;
  const sends: Promise<void>[] = [];
  const busy = new Set<string>();
  for (let n = 0; n < total; n++) {
    const at = started + (n * 1000) / spec.rate;
    const wait = at - performance.now();
    if (wait > 1) await sleep(wait);
    const id = `${spec.label}-${spec.rate}-${n}`;
    scheduled.set(id, at);
    const student = n % spec.students;
    const body = new URLSearchParams({
      team_id: spec.team.id,
      team_domain: spec.team.domain,
      channel_id: 'C0GENERAL',
      user_id: `U${String(student + 1).padStart(4, '0')}`,
      user_name: userName(student),
      command: '/rapport',
      text: 'list',
      response_url: fake.responseUrl(id),
      trigger_id: `${n}.${Date.now()}.${randomBytes(6).toString('hex')}`,
    }).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(body, spec.secret, Math.floor(Date.now() / 1000)),
    };
    sends.push(
      fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })
        .then((response) => response.text())
        .then(
          (ack) => {
            if (ack.includes('busy')) busy.add(id);
          },
          () => undefined,
        ),
    );
  }
  const lastSend = performance.now();
  const arrived = () => fake.responses.filter((r) => scheduled.has(r.id));
  await sleep(DRAIN_MS);
  const late = total - busy.size - arrived().length;
  while (arrived().length + busy.size < total && performance.now() - lastSend < GIVE_UP_MS) await sleep(100);
  await Promise.all(sends);
  const replies = arrived()
    .map((r) => r.at - scheduled.get(r.id)!)
    .sort((a, b) => a - b);
  return {
    rate: spec.rate,
    sent: total,
    replies,
    busy: busy.size,
    late,
    missing: total - busy.size - replies.length,
  };
}

export interface ReplyRun {
  app: ReplyApp;
  /** Each student's first command since the process started, at 100/s. */
  firstSight: RateResult;
  results: RateResult[];
  stats: ChildStats;
}

/** Every rate against one app, in one child process (its peak RSS covers them all). */
export async function replyRun(
  app: ReplyApp,
  fake: FakeSlack,
  setup: BenchSetup,
  slack: { team: { id: string; domain: string }; secret: string; botToken: string },
): Promise<ReplyRun> {
  const child: Child<ChildMessage, ParentMessage> = await startChild(
    setup.entry,
    {
      mode: app.mode,
      apiUrl: fake.apiUrl,
      signingSecret: slack.secret,
      botToken: slack.botToken,
      databaseUrl: setup.databaseUrl,
    },
    app.mode === 'bot' ? setup.botFlags : [],
  );
  try {
    const target = `http://127.0.0.1:${child.ready.port}/slack/events`;
    const at = async (rate: number, label: string, seconds = SECONDS_PER_RATE) => {
      const result = await offer(target, fake, {
        label,
        rate,
        seconds,
        students: setup.students,
        team: slack.team,
        secret: slack.secret,
      });
      fake.responses.splice(0);
      return result;
    };
    const firstSight = await at(FIRST_SIGHT_RATE, `${app.mode}-first`, setup.students / FIRST_SIGHT_RATE);
    const results: RateResult[] = [];
    for (const rate of OFFERED_RATES) results.push(await at(rate, app.mode));
    const answer = await child.ask({ type: 'finish' }, 'stats', 10_000);
    return { app, firstSight, results, stats: (answer as Extract<ChildMessage, { type: 'stats' }>).stats };
  } finally {
    await child.stop();
  }
}

const keepsUp = (r: RateResult) => r.late === 0 && r.missing === 0 && r.busy === 0;

export function reportReplies(log: (line: string) => void, bare: ReplyRun, bot: ReplyRun): void {
  log(
    `open loop, ${SECONDS_PER_RATE} s per offered rate; reply = from the scheduled send to the answer at the response_url:`,
  );
  const line = (label: string, r: RateResult) =>
    `${label.padEnd(24)} ${String(r.rate).padStart(4)}/s  ${count(r.replies.length).padStart(6)}/${count(r.sent).padEnd(6)} ` +
    `p50 ${ms(percentile(r.replies, 0.5)).padStart(9)}  p99 ${ms(percentile(r.replies, 0.99)).padStart(9)}`;
  log('first sight, every student once since the process started (not part of the goals):');
  for (const run of [bare, bot]) log(line(run.app.label, run.firstSight));
  log('then the offered rates:');
  for (const run of [bare, bot]) {
    for (const r of run.results) {
      log(
        `${line(run.app.label, r)}  ` +
          (keepsUp(r)
            ? 'keeps up'
            : `BEHIND: ${r.busy} acked busy, ${r.late} replies missing ${DRAIN_MS / 1000} s after the last send, ${r.missing} never`),
      );
    }
  }
  const at100 = (run: ReplyRun) => run.results.find((r) => r.rate === 100)!;
  const ratio = percentile(at100(bot).replies, 0.99) / percentile(at100(bare).replies, 0.99);
  const highest = (run: ReplyRun) => Math.max(0, ...run.results.filter(keepsUp).map((r) => r.rate));
  const rssRatio = bot.stats.peakRss / bare.stats.peakRss;
  log(
    `reply p99 at 100/s: Rapport / bare ${ratio.toFixed(2)} (goal within ${GOALS.p99Ratio}x: ${ratio <= GOALS.p99Ratio ? 'met' : 'NOT MET'})`,
  );
  log(
    `highest offered rate with no growing backlog: bare ${highest(bare)}/s, Rapport ${highest(bot)}/s ` +
      `(of ${OFFERED_RATES.join(', ')}; goal >= ${GOALS.rate}/s: ${highest(bot) >= GOALS.rate ? 'met' : 'NOT MET'})`,
  );
  log(
    `peak RSS over all rates: bare ${mb(bare.stats.peakRss)}, Rapport ${mb(bot.stats.peakRss)} ` +
      `(ratio ${rssRatio.toFixed(2)}, goal within ${GOALS.rssRatio}x: ${rssRatio <= GOALS.rssRatio ? 'met' : 'NOT MET'})`,
  );
}
