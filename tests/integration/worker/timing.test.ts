import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { nudgeRepository } from '../../../src/db/repos/nudgeRepository.js';
import { contacts } from '../../../src/db/schema.js';
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
const NINE_TO_EIGHT = { wakeStartMinute: 9 * 60, wakeEndMinute: 20 * 60 };
const options: Partial<WorkerOptions> = {
  rateLimits: { slack: UNPACED },
};

describe('when nudges go out (waking hours, daylight saving, snooze)', () => {
  let database: TestDatabase;
  let org: SeededOrg;
  let slack: FakeNotifier;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db, { timezone: 'Asia/Tokyo' });
    slack = new FakeNotifier('slack');
  });
  afterEach(async () => {
    await database.close();
  });

  const passAt = (at: string) => {
    const time = virtualTime(new Date(at));
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

  it('when a nudge comes due at night, then it waits for the next morning in the person’s zone', async () => {
    const [student] = await seedStudents(database.db, org, 1, {
      timezone: 'America/Chicago',
      ...NINE_TO_EIGHT,
    });
    const [id] = await seedNudges(database.db, org, [
      { personId: student!, dueAt: new Date('2026-12-01T10:00:00Z') },
    ]);

    // 04:00 in Chicago.
    expect(await passAt('2026-12-01T10:00:00Z')).toMatchObject({ deferred: 1, sent: 0 });
    expect(await nudgeById(database.db, id!)).toMatchObject({
      status: 'pending',
      dueAt: new Date('2026-12-01T15:00:00Z'),
      attempts: 0,
      lastError: 'quiet hours',
    });
    expect(await passAt('2026-12-01T14:59:00Z')).toMatchObject({ claimed: 0 });
    expect(await passAt('2026-12-01T15:00:00Z')).toMatchObject({ sent: 1 });
    expect(slack.sends).toHaveLength(1);
  });

  it('when the person has no zone, then the organization’s applies', async () => {
    const [student] = await seedStudents(database.db, org, 1, { timezone: null, ...NINE_TO_EIGHT });
    const [id] = await seedNudges(database.db, org, [
      { personId: student!, dueAt: new Date('2026-12-01T12:00:00Z') },
    ]);

    // 21:00 in Tokyo: after waking hours.
    expect(await passAt('2026-12-01T12:00:00Z')).toMatchObject({ deferred: 1 });
    expect((await nudgeById(database.db, id!))!.dueAt).toEqual(new Date('2026-12-02T00:00:00Z'));
  });

  it('when the clocks went back overnight, then the morning is 09:00 standard time', async () => {
    const [student] = await seedStudents(database.db, org, 1, {
      timezone: 'America/New_York',
      ...NINE_TO_EIGHT,
    });
    const [id] = await seedNudges(database.db, org, [
      { personId: student!, dueAt: new Date('2026-11-01T11:30:00Z') },
    ]);

    // 06:30 EST on the day daylight saving time ends (it was 07:30 EDT a day earlier).
    await passAt('2026-11-01T11:30:00Z');
    expect((await nudgeById(database.db, id!))!.dueAt).toEqual(new Date('2026-11-01T14:00:00Z'));
    expect(await passAt('2026-11-01T13:30:00Z')).toMatchObject({ claimed: 0 });
    expect(await passAt('2026-11-01T14:00:00Z')).toMatchObject({ sent: 1 });
  });

  it('when the clocks went forward overnight, then the morning is 09:00 daylight time', async () => {
    const [student] = await seedStudents(database.db, org, 1, {
      timezone: 'America/New_York',
      ...NINE_TO_EIGHT,
    });
    const [id] = await seedNudges(database.db, org, [
      { personId: student!, dueAt: new Date('2026-03-08T11:30:00Z') },
    ]);

    // 07:30 EDT on the day daylight saving time starts.
    await passAt('2026-03-08T11:30:00Z');
    expect((await nudgeById(database.db, id!))!.dueAt).toEqual(new Date('2026-03-08T13:00:00Z'));
    expect(await passAt('2026-03-08T13:00:00Z')).toMatchObject({ sent: 1 });
  });

  it('when a mentor’s log comes in at night, then the informational nudge also waits for the morning', async () => {
    const [student] = await seedStudents(database.db, org, 1, { timezone: 'Europe/Paris', ...NINE_TO_EIGHT });
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student!,
        kind: 'mentor_logged',
        dueAt: new Date('2026-12-01T22:00:00Z'),
        payload: { mentorName: 'Sam Lee', durationMinutes: 30 },
      },
    ]);

    // 23:00 in Paris.
    expect(await passAt('2026-12-01T22:00:00Z')).toMatchObject({ deferred: 1, sent: 0 });
    expect((await nudgeById(database.db, id!))!.dueAt).toEqual(new Date('2026-12-02T08:00:00Z'));
    expect(await passAt('2026-12-02T08:00:00Z')).toMatchObject({ sent: 1 });
    expect(slack.sends[0]!.message.blocks[0]).toEqual({
      type: 'header',
      text: 'Meeting logged by your mentor',
    });
  });

  it('when the student snoozed the contact, then its nudge goes out when the snooze ends', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    const contactId = await seedContact(database.db, org, student!, { stage: 'met' });
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student!,
        contactId,
        kind: 'debrief',
        expectedStage: 'met',
        dedupeKey: `debrief:${contactId}:m1`,
        dueAt: new Date('2026-12-01T10:00:00Z'),
      },
    ]);
    const until = new Date('2026-12-04T10:00:00Z');
    await database.db.update(contacts).set({ snoozedUntil: until }).where(eq(contacts.id, contactId));
    await nudgeRepository(database.db).postpone({ contactId }, until);

    expect(await passAt('2026-12-01T10:00:00Z')).toMatchObject({ claimed: 0 });
    expect(await passAt('2026-12-04T10:00:00Z')).toMatchObject({ sent: 1 });
    expect(slack.sends.map((s) => s.key)).toEqual([id]);
  });

  it('when a snooze started after the nudge was planned, then the worker still holds it until the snooze ends', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    const until = new Date('2026-12-03T10:00:00Z');
    const contactId = await seedContact(database.db, org, student!, { stage: 'met', snoozedUntil: until });
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student!,
        contactId,
        kind: 'debrief',
        expectedStage: 'met',
        dueAt: new Date('2026-12-01T10:00:00Z'),
      },
    ]);

    expect(await passAt('2026-12-01T10:00:00Z')).toMatchObject({ deferred: 1, sent: 0 });
    expect(await nudgeById(database.db, id!)).toMatchObject({
      status: 'pending',
      dueAt: until,
      lastError: 'snoozed',
    });
  });
});
