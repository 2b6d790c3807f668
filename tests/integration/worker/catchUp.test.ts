/**
 * Issue 16: after downtime, the nudges that piled up do not come in a burst. Of a contact's
 * follow-ups only the newest goes, a thank-you three months late becomes the keep-in-touch
 * message, and the Monday pipeline check found on a Thursday waits for the next Monday.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { lineToPlain, type Reply } from '../../../src/core/reply.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import {
  nudgeById,
  type SeededOrg,
  seedContact,
  seedNudges,
  seedOrg,
  seedStudents,
  UNPACED,
} from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const THURSDAY = new Date('2026-12-03T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const daysBefore = (days: number) => new Date(THURSDAY.getTime() - days * DAY);
const options: Partial<WorkerOptions> = {
  rateLimits: { slack: UNPACED },
};

describe('catching up after downtime', () => {
  let database: TestDatabase;
  let org: SeededOrg;
  let slack: FakeNotifier;
  let student: string;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
    slack = new FakeNotifier('slack');
    [student] = (await seedStudents(database.db, org, 1, {
      wakeStartMinute: 0,
      wakeEndMinute: 24 * 60 - 1,
    })) as [string];
  });
  afterEach(async () => {
    await database.close();
  });

  const pass = () => {
    const time = virtualTime(THURSDAY);
    return runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: time.clock,
      sleep: time.sleep,
      notifiers: new Map([['slack', slack]]),
      logger,
      options,
    });
  };
  const sentText = () =>
    slack.sends.map((send) =>
      send.message.blocks
        .flatMap((block: Reply['blocks'][number]) =>
          block.type === 'text' ? block.lines.map(lineToPlain) : block.type === 'header' ? [block.text] : [],
        )
        .join('\n'),
    );

  it('when follow-ups 1, 2 and 3 all came due while the worker was down, then only the newest is sent', async () => {
    const reachedAt = daysBefore(30);
    const contactId = await seedContact(database.db, org, student, {
      stage: 'reached_out',
      stageChangedAt: reachedAt,
    });
    const key = (n: number) => `follow_up:${contactId}:${reachedAt.getTime()}:${n}`;
    const ids = await seedNudges(
      database.db,
      org,
      [1, 2, 3].map((n) => ({
        personId: student,
        contactId,
        kind: 'follow_up' as const,
        expectedStage: 'reached_out' as const,
        dedupeKey: key(n),
        dueAt: daysBefore(30 - 7 * n),
        payload: { n, final: n === 3 },
      })),
    );
    await pass();
    expect(slack.sends).toHaveLength(1);
    expect(await nudgeById(database.db, ids[0]!)).toMatchObject({
      status: 'cancelled',
      lastError: 'superseded by a newer reminder',
    });
    expect(await nudgeById(database.db, ids[1]!)).toMatchObject({ status: 'cancelled' });
    expect(await nudgeById(database.db, ids[2]!)).toMatchObject({ status: 'sent' });
  });

  it('when a thank-you reminder is three months late, then the keep-in-touch message goes instead', async () => {
    const metAt = daysBefore(90);
    const contactId = await seedContact(database.db, org, student, { stage: 'met', stageChangedAt: metAt });
    const [first, second] = await seedNudges(database.db, org, [
      {
        personId: student,
        contactId,
        kind: 'thank_you',
        expectedStage: 'met',
        dueAt: daysBefore(90),
        payload: { n: 1 },
      },
      {
        personId: student,
        contactId,
        kind: 'thank_you',
        expectedStage: 'met',
        dueAt: daysBefore(89),
        payload: { n: 2 },
      },
    ]);
    await pass();
    expect(slack.sends).toHaveLength(1);
    const [text] = sentText();
    expect(text).not.toMatch(/thank-you today/i);
    expect(text).toMatch(/keep in touch/i);
    expect(await nudgeById(database.db, first!)).toMatchObject({ status: 'sent' });
    expect(await nudgeById(database.db, second!)).toMatchObject({ status: 'cancelled' });
  });

  it('when a thank-you reminder is a day late, then it is still sent as a thank-you', async () => {
    const contactId = await seedContact(database.db, org, student, {
      stage: 'met',
      stageChangedAt: daysBefore(1),
    });
    await seedNudges(database.db, org, [
      {
        personId: student,
        contactId,
        kind: 'thank_you',
        expectedStage: 'met',
        dueAt: daysBefore(1),
        payload: { n: 1 },
      },
    ]);
    await pass();
    expect(slack.sends).toHaveLength(1);
    expect(sentText()[0]).toMatch(/thank/i);
    expect(sentText()[0]).not.toMatch(/keep in touch/i);
  });

  it('when the Monday pipeline check is found on a Thursday, then it waits for the next Monday', async () => {
    const monday = daysBefore(3);
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student,
        kind: 'weekly_pipeline',
        dueAt: monday,
        dedupeKey: `weekly_pipeline:${student}:2026-W49`,
      },
    ]);
    await pass();
    expect(slack.sends).toHaveLength(0);
    const row = (await nudgeById(database.db, id!))!;
    expect(row.status).toBe('pending');
    expect(row.dueAt.toISOString()).toBe(new Date(monday.getTime() + 7 * DAY).toISOString());
  });
});
