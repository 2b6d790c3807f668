import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import { createPacer } from '../../../src/bot/worker/pacing.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { nextPendingDueAt } from '../../../src/db/outbox.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { type FakeSlack, startFakeSlack } from '../../support/fakeSlack.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { seedNudges, seedOrg, seedStudents, statusCounts } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const START = new Date('2026-12-01T10:00:00Z');
const NUDGES = 40;
const RETRY_AFTER_S = 20;
const SLACK = { perChannelIntervalMs: 1100, perSecond: 5, burst: 1 };

describe('when Slack answers some posts with 429 Retry-After and some with 5xx', () => {
  let database: TestDatabase;
  let slack: FakeSlack;

  beforeEach(async () => {
    database = await openTestDatabase();
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    await slack.close();
    await database.close();
  });

  it('then every nudge is delivered once, and nothing is sent while Slack said to wait', async () => {
    const org = await seedOrg(database.db);
    // Each student is one DM channel; five nudges each exercise the per-channel pace.
    const students = await seedStudents(database.db, org, NUDGES / 5, { withDmChannel: true });
    await seedNudges(
      database.db,
      org,
      Array.from({ length: NUDGES }, (_, i) => ({ personId: students[i % students.length]!, dueAt: START })),
    );
    const time = virtualTime(START);
    const inner = createSlackNotifier({ botToken: 'xoxb-test', apiUrl: slack.apiUrl, logger });
    const failures: Record<number, () => void> = {
      5: () => slack.fail('chat.postMessage', { status: 429, retryAfterSeconds: RETRY_AFTER_S }),
      12: () => slack.fail('chat.postMessage', { status: 503 }),
      20: () => slack.fail('chat.postMessage', { status: 500 }, 2),
      30: () => slack.fail('chat.postMessage', { status: 429, retryAfterSeconds: 3 }),
    };
    const recorder = new FakeNotifier('slack', {
      clock: time.clock,
      inner,
      beforeSend: (i) => failures[i]?.(),
    });
    const options: Partial<WorkerOptions> = { rateLimits: { slack: SLACK }, concurrency: 4 };
    // One pacer across passes, as the schedule keeps one: a pause outlives the pass that saw the 429.
    const inner429 = createPacer({ clock: time.clock, sleep: time.sleep, limits: options.rateLimits });
    // The slots the pacer hands out, at the clock's time: the virtual clock moves whenever anyone
    // sleeps, also while a send is writing its mark to the database, so the time a send starts at
    // the notifier says less about pacing than the time its slot was granted.
    const grants: { channel: string; at: number }[] = [];
    const pacer: typeof inner429 = {
      ...inner429,
      async acquire(platform, channel, maxWaitMs, signal) {
        const granted = await inner429.acquire(platform, channel, maxWaitMs, signal);
        if (granted) grants.push({ channel, at: time.clock.now().getTime() });
        return granted;
      },
    };

    let passes = 0;
    for (; passes < 30; passes += 1) {
      await runPass({
        db: database.db,
        outbox: nudgeOutbox(database.db),
        clock: time.clock,
        sleep: time.sleep,
        pacer,
        notifiers: new Map([['slack', recorder]]),
        logger,
        options,
      });
      const next = await nextPendingDueAt(database.db);
      if (!next) break;
      if (next > time.clock.now()) time.set(next);
    }

    // At the receiver: every nudge posted successfully exactly once.
    const posted = slack.callsTo('chat.postMessage').filter((call) => !call.failed);
    const keys = posted.map(
      (call) => (call.body.metadata as { event_payload: { key: string } }).event_payload.key,
    );
    expect(new Set(keys).size).toBe(NUDGES);
    expect(keys).toHaveLength(NUDGES);
    expect(await statusCounts(database.db)).toEqual({ sent: NUDGES });

    // No send started inside a Retry-After window: after the 429 came back, and before the time it
    // named. (Sends already in flight when it came back had started before Slack said anything.)
    const limited = recorder.sends.filter((s) => s.outcome.status === 'rate_limited');
    expect(limited).toHaveLength(2);
    for (const hit of limited) {
      const until = hit.answeredAt.getTime() + (hit.outcome as { retryAfterMs: number }).retryAfterMs;
      const inWindow = recorder.sends.filter((s) => s.startSeq > hit.answerSeq && s.at.getTime() < until);
      expect(inWindow.map((s) => s.at)).toEqual([]);
    }
    expect(recorder.sends.filter((s) => s.outcome.status === 'transient')).toHaveLength(3);

    // Paced: never faster than 5 a second overall, nor 1 per 1.1 s to one DM (a few ms of timer slack).
    expect(grants.length).toBeGreaterThanOrEqual(recorder.sends.length);
    const starts = grants.map((g) => g.at).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i += 1)
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(195);
    const byChannel = new Map<string, number[]>();
    for (const g of grants) byChannel.set(g.channel, [...(byChannel.get(g.channel) ?? []), g.at]);
    for (const times of byChannel.values()) {
      for (let i = 1; i < times.length; i += 1)
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1100);
    }
    console.log(
      `429/5xx run: ${recorder.sends.length} sends for ${NUDGES} nudges over ${passes + 1} passes, ` +
        `${(time.clock.now().getTime() - START.getTime()) / 1000} s of simulated time`,
    );
  }, 120_000);
});
