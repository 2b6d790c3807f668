import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { formatSummary, runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import type { Platform } from '../../../src/core/domain.js';
import type { Notifier } from '../../../src/core/notifier.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { identities } from '../../../src/db/schema.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import {
  nudgeById,
  nudgesOf,
  type SeededOrg,
  seedNudges,
  seedOrg,
  seedStudents,
  UNPACED,
} from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const NOW = new Date('2026-12-01T10:00:00Z');
const fast: Partial<WorkerOptions> = {
  rateLimits: { slack: UNPACED },
};

describe('a worker pass', () => {
  let database: TestDatabase;
  let org: SeededOrg;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  const pass = (
    notifiers: Map<Platform, Notifier>,
    time = virtualTime(NOW),
    options: Partial<WorkerOptions> = fast,
  ) =>
    runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: time.clock,
      sleep: time.sleep,
      notifiers,
      logger,
      options,
      random: () => 0.5,
    });

  it('when two passes run at the same --now, then the second sends nothing', async () => {
    const students = await seedStudents(database.db, org, 3);
    await seedNudges(
      database.db,
      org,
      students.map((personId) => ({ personId, dueAt: new Date(NOW.getTime() - 60_000) })),
    );
    const slack = new FakeNotifier('slack');

    const first = await pass(new Map([['slack', slack]]));
    const second = await pass(new Map([['slack', slack]]));

    expect(formatSummary(first)).toBe('sent 3, deferred 0, cancelled 0, failed 0');
    expect(second).toMatchObject({ claimed: 0, sent: 0 });
    expect(slack.sends).toHaveLength(3);
  });

  it('when nothing is due yet, then nothing is claimed', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    await seedNudges(database.db, org, [{ personId: student!, dueAt: new Date(NOW.getTime() + 1000) }]);
    const slack = new FakeNotifier('slack');

    expect(await pass(new Map([['slack', slack]]))).toMatchObject({ claimed: 0, sent: 0 });
  });

  it('when a send is sent, then the row records the message id and the DM channel is kept on the identity', async () => {
    const [student] = await seedStudents(database.db, org, 1, { withDmChannel: false });
    const [id] = await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    const slack = new FakeNotifier('slack').script({
      status: 'sent',
      messageId: '1700.1',
      dmChannelId: 'DNEW',
    });

    await pass(new Map([['slack', slack]]));

    const row = await nudgeById(database.db, id!);
    expect(row).toMatchObject({ status: 'sent', platformMessageId: '1700.1', attempts: 1, leaseUntil: null });
    expect(row!.sentAt).toEqual(NOW);
    const [identity] = await database.db.select().from(identities).where(eq(identities.personId, student!));
    expect(identity!.dmChannelId).toBe('DNEW');
    expect(slack.sends[0]!.key).toBe(id);
    expect(slack.sends[0]!.to).toMatchObject({ platform: 'slack', personId: student, dmChannelId: null });
  });

  it('when the platform answers with a permanent error, then the nudge fails and is not retried', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    const [id] = await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    const slack = new FakeNotifier('slack').script({ status: 'permanent', error: 'cannot_dm_bot' });
    const time = virtualTime(NOW);

    expect(await pass(new Map([['slack', slack]]), time)).toMatchObject({ failed: 1, sent: 0 });
    time.advance(24 * 3600_000);
    expect(await pass(new Map([['slack', slack]]), time)).toMatchObject({ claimed: 0 });
    expect(await nudgeById(database.db, id!)).toMatchObject({ status: 'failed', lastError: 'cannot_dm_bot' });
  });

  it('when sends fail transiently, then they are retried with growing backoff and given up after the last attempt', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    const [id] = await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    const slack = new FakeNotifier('slack').script(
      ...Array.from({ length: 4 }, () => ({ status: 'transient' as const, error: 'http_503' })),
    );
    const time = virtualTime(NOW);
    const options = { ...fast, maxAttempts: 4, backoff: { baseMs: 30_000, maxMs: 60 * 60_000 } };
    const delays: number[] = [];

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await pass(new Map([['slack', slack]]), time, options);
      const row = await nudgeById(database.db, id!);
      if (row!.status !== 'pending') break;
      delays.push(row!.dueAt.getTime() - time.clock.now().getTime());
      time.set(row!.dueAt);
    }

    // random() = 0.5 draws three quarters of each doubling ceiling: 30 s, 60 s, 120 s.
    expect(delays).toEqual([22_500, 45_000, 90_000]);
    expect(await nudgeById(database.db, id!)).toMatchObject({ status: 'failed', attempts: 4 });
    expect(slack.sends).toHaveLength(4);
  });

  it('when a person is linked on both platforms, then the nudge goes once, on the platform used last', async () => {
    const [student] = await seedStudents(database.db, org, 1, { platforms: ['slack', 'discord'] });
    await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    const slack = new FakeNotifier('slack');
    const discord = new FakeNotifier('discord');

    await pass(
      new Map<Platform, Notifier>([
        ['slack', slack],
        ['discord', discord],
      ]),
    );

    expect(discord.sends).toHaveLength(1);
    expect(slack.sends).toHaveLength(0);
  });

  it('when only one of the two platforms has a notifier, then the nudge goes there', async () => {
    const [student] = await seedStudents(database.db, org, 1, { platforms: ['slack', 'discord'] });
    await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    const slack = new FakeNotifier('slack');

    expect(await pass(new Map([['slack', slack]]))).toMatchObject({ sent: 1 });
    expect(slack.sends).toHaveLength(1);
  });

  it('when no notifier serves the person, then the nudge stays pending and the summary says why', async () => {
    const [student] = await seedStudents(database.db, org, 1, { platforms: ['slack'] });
    const [id] = await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);

    const summary = await pass(new Map([['discord', new FakeNotifier('discord')]]));

    expect(formatSummary(summary)).toBe(
      'sent 0, deferred 0, cancelled 0, failed 0; 1 waiting: no notifier for slack',
    );
    expect(await nudgeById(database.db, id!)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'no notifier for slack',
    });
  });

  it('when a notifier throws or never answers, then the nudge is retried, not lost', async () => {
    const students = await seedStudents(database.db, org, 2);
    const ids = await seedNudges(
      database.db,
      org,
      students.map((personId, i) => ({ personId, dueAt: new Date(NOW.getTime() + i) })),
    );
    const slack = new FakeNotifier('slack').script(
      () => {
        throw new Error('socket hang up');
      },
      () => new Promise(() => {}),
    );

    const summary = await pass(new Map([['slack', slack]]), virtualTime(new Date(NOW.getTime() + 10)), {
      ...fast,
      sendTimeoutMs: 50,
      concurrency: 1,
    });

    expect(summary).toMatchObject({ retried: 2, sent: 0 });
    const rows = await nudgesOf(database.db, ids);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(rows.map((r) => r.lastError)).toEqual([
      'notifier threw: socket hang up',
      'no answer within 50 ms',
    ]);
  });

  it('when a send that timed out succeeds after all, then it is recorded as sent and not retried', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    const [id] = await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    let answer: (value: { status: 'sent'; messageId: string }) => void = () => {};
    const slack = new FakeNotifier('slack').script(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );

    await pass(new Map([['slack', slack]]), virtualTime(NOW), { ...fast, sendTimeoutMs: 50 });
    expect(await nudgeById(database.db, id!)).toMatchObject({ status: 'pending' });
    answer({ status: 'sent', messageId: 'late-1' });
    await expect.poll(async () => (await nudgeById(database.db, id!))?.status).toBe('sent');
    expect(await nudgeById(database.db, id!)).toMatchObject({ platformMessageId: 'late-1' });
  });
});
