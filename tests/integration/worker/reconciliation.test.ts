/**
 * Nudges whose earlier send may have landed (a worker killed mid-send, a timeout): before they go
 * out again, the worker looks for their key in the Slack DM's history, with the real Slack
 * Notifier against the loopback fake Slack.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { createSlackNotifier } from '../../../src/bot/slack/slackNotifier.js';
import { formatSummary, runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import type { Notifier } from '../../../src/core/notifier.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { identities, nudges } from '../../../src/db/schema.js';
import { virtualTime } from '../../support/fakeNotifier.js';
import { type FakeSlack, startFakeSlack } from '../../support/fakeSlack.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { nudgeById, seedNudges, seedOrg, seedStudents, UNPACED } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const NOW = new Date('2026-12-01T10:00:00Z');
const options = (perMinute: number, waitMs: number, patienceMs = 30 * 60_000): Partial<WorkerOptions> => ({
  rateLimits: { slack: UNPACED },
  reconcile: { perMinute: { slack: perMinute }, waitMs, capacity: 100, patienceMs },
});

describe('when nudges in doubt are due again', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let notifier: Notifier;

  beforeEach(async () => {
    database = await openTestDatabase();
    slack = await startFakeSlack();
    notifier = createSlackNotifier({ botToken: 'xoxb-test', apiUrl: slack.apiUrl, logger });
  });
  afterEach(async () => {
    await slack.close();
    await database.close();
  });

  /** Nudges to `count` students; the first `inDoubt` left by a worker that died mid-send. */
  const seed = async (count: number, inDoubt: number) => {
    const org = await seedOrg(database.db);
    const students = await seedStudents(database.db, org, count, { withDmChannel: true });
    const ids = await seedNudges(
      database.db,
      org,
      students.map((personId) => ({ personId, dueAt: new Date(NOW.getTime() - 60_000) })),
    );
    await database.db
      .update(nudges)
      .set({
        status: 'sending',
        attempts: 1,
        leaseUntil: sql`now() - interval '1 second'`,
        inDoubtSince: new Date(NOW.getTime() - 60_000),
      })
      .where(inArray(nudges.id, ids.slice(0, inDoubt)));
    const channels = await Promise.all(
      students.map(async (personId) => {
        const [identity] = await database.db
          .select()
          .from(identities)
          .where(eq(identities.personId, personId));
        return identity!.dmChannelId!;
      }),
    );
    return { ids, channels };
  };

  const pass = (workerOptions: Partial<WorkerOptions>, at = NOW) => {
    const time = virtualTime(at);
    return runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: time.clock,
      sleep: time.sleep,
      notifiers: new Map([['slack', notifier]]),
      logger,
      options: workerOptions,
    });
  };

  const postedKeys = () =>
    slack
      .callsTo('chat.postMessage')
      .map((call) => (call.body.metadata as { event_payload: { key: string } }).event_payload.key);

  it('then one that landed is found in the DM history and settled without a second post, and one that did not is sent once', async () => {
    const { ids, channels } = await seed(3, 2);
    const landed = slack.history.add(channels[0]!, {
      event_type: 'rapport_message',
      event_payload: { key: ids[0] },
    });

    const summary = await pass(options(60, 60_000));

    expect(postedKeys().sort()).toEqual([ids[1], ids[2]].sort());
    expect(summary).toMatchObject({ reconciled: 1, sent: 2, unverified: 0 });
    expect(formatSummary(summary)).toBe(
      'sent 2, deferred 0, cancelled 0, failed 0, found already delivered 1',
    );
    expect(await nudgeById(database.db, ids[0]!)).toMatchObject({
      status: 'sent',
      platformMessageId: landed.ts,
      inDoubtSince: null,
    });
    const reads = slack.callsTo('conversations.history');
    expect(reads.map((call) => call.body.channel).sort()).toEqual([channels[0], channels[1]].sort());
    expect(reads[0]!.body).toMatchObject({ include_all_metadata: 'true', limit: '15' });
  });

  it('when the history cannot be read in time for every DM (one read a minute), then the rest waits for its look, released, and is sent once after it', async () => {
    const { ids } = await seed(2, 2);

    const first = await pass(options(1, 30_000));

    expect(first).toMatchObject({ reconciled: 0, sent: 1, deferred: 1, unverified: 0 });
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
    const [waiting] = ids.filter((id) => !postedKeys().includes(id));
    const row = await nudgeById(database.db, waiting!);
    expect(row).toMatchObject({ status: 'pending', leaseUntil: null });
    expect(row!.inDoubtSince).not.toBeNull();
    // Its turn comes a read later: no sooner than a minute after the first.
    expect(row!.dueAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 60_000);

    const second = await pass(options(1, 30_000), row!.dueAt);

    expect(second).toMatchObject({ sent: 1, unverified: 0 });
    expect(slack.callsTo('conversations.history')).toHaveLength(2);
    expect(postedKeys().sort()).toEqual([...ids].sort());
  });

  it('when the doubt is older than the patience for a look, then the rest is sent unchecked and counted', async () => {
    const { ids } = await seed(2, 2);

    const summary = await pass(options(1, 30_000, 30_000));

    expect(postedKeys().sort()).toEqual([...ids].sort());
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
    expect(summary).toMatchObject({ reconciled: 0, sent: 2, unverified: 1 });
    expect(formatSummary(summary)).toContain('re-sent unchecked 1 (possible duplicates)');
  });

  it('when the history read is refused with 429, then the nudge waits past the Retry-After for its look; with no patience it is sent unchecked', async () => {
    const { ids } = await seed(1, 1);
    slack.fail('conversations.history', { status: 429, retryAfterSeconds: 60 });

    const waited = await pass(options(60, 10_000));

    expect(postedKeys()).toEqual([]);
    expect(waited).toMatchObject({ sent: 0, deferred: 1 });
    const row = await nudgeById(database.db, ids[0]!);
    expect(row!.dueAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 60_000);

    slack.fail('conversations.history', { status: 429, retryAfterSeconds: 60 });
    const summary = await pass(options(60, 10_000, 0), row!.dueAt);

    expect(postedKeys()).toEqual([ids[0]]);
    expect(summary).toMatchObject({ sent: 1, unverified: 1 });
  });
});
