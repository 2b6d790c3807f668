import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { personRepository } from '../../../src/db/repos/personRepository.js';
import { nudges } from '../../../src/db/schema.js';
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
const NOW = new Date('2026-11-30T09:00:00Z'); // a Monday
const options: Partial<WorkerOptions> = {
  rateLimits: { slack: UNPACED },
};

describe('when a nudge became obsolete before its turn', () => {
  let database: TestDatabase;
  let org: SeededOrg;
  let slack: FakeNotifier;
  let student: string;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
    slack = new FakeNotifier('slack');
    [student] = (await seedStudents(database.db, org, 1, {
      wakeStartMinute: 9 * 60,
      wakeEndMinute: 20 * 60,
    })) as [string];
  });
  afterEach(async () => {
    await database.close();
  });

  const pass = (at = NOW) => {
    const time = virtualTime(at);
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

  const debriefFor = async (contactId: string) =>
    (
      await seedNudges(database.db, org, [
        { personId: student, contactId, kind: 'debrief', expectedStage: 'met', dueAt: NOW },
      ])
    )[0]!;

  it('when the contact moved to another stage, then the nudge is cancelled, not sent', async () => {
    const contactId = await seedContact(database.db, org, student, { stage: 'thanked' });
    const id = await debriefFor(contactId);

    expect(await pass()).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await nudgeById(database.db, id)).toMatchObject({
      status: 'cancelled',
      lastError: 'stage_changed',
    });
    expect(slack.sends).toHaveLength(0);
  });

  it('when the contact was archived, then the nudge is cancelled, not sent', async () => {
    const contactId = await seedContact(database.db, org, student, { stage: 'archived' });
    const id = await debriefFor(contactId);

    expect(await pass()).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await nudgeById(database.db, id)).toMatchObject({
      status: 'cancelled',
      lastError: 'contact_archived',
    });
  });

  it('when the meeting it prepares has started, then the nudge is cancelled, not sent', async () => {
    const contactId = await seedContact(database.db, org, student, { stage: 'scheduled' });
    const start = new Date(NOW.getTime() - 60_000);
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student,
        contactId,
        kind: 'prepare',
        expectedStage: 'scheduled',
        dedupeKey: `prepare:${contactId}:${start.getTime()}`,
        dueAt: new Date(NOW.getTime() - 3600_000),
      },
    ]);

    expect(await pass()).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await nudgeById(database.db, id!)).toMatchObject({ lastError: 'meeting_started' });
  });

  it('when the person was forgotten, then nothing is sent', async () => {
    const contactId = await seedContact(database.db, org, student, { stage: 'met' });
    await debriefFor(contactId);
    await personRepository(database.db).delete(org.orgId, student);

    expect(await pass()).toMatchObject({ sent: 0 });
    expect(slack.sends).toHaveLength(0);
  });

  it('when the weekly pipeline nudge is sent, then the next Monday’s is planned', async () => {
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student,
        kind: 'weekly_pipeline',
        dedupeKey: `weekly_pipeline:${student}:2026-W49`,
        dueAt: NOW,
      },
    ]);

    expect(await pass()).toMatchObject({ sent: 1 });
    expect(await nudgeById(database.db, id!)).toMatchObject({ status: 'sent' });
    const next = await database.db
      .select()
      .from(nudges)
      .where(
        and(eq(nudges.personId, student), eq(nudges.kind, 'weekly_pipeline'), eq(nudges.status, 'pending')),
      );
    expect(next.map((n) => n.dueAt)).toEqual([new Date('2026-12-07T09:00:00Z')]);
  });

  it('when the pipeline is full and active, then the weekly nudge is cancelled and the next one planned', async () => {
    for (let n = 1; n <= 10; n += 1) {
      await seedContact(database.db, org, student, {
        stage: 'reached_out',
        number: n,
        name: `Contact ${n}`,
        stageChangedAt: new Date(NOW.getTime() - 86_400_000),
      });
    }
    const [id] = await seedNudges(database.db, org, [
      {
        personId: student,
        kind: 'weekly_pipeline',
        dedupeKey: `weekly_pipeline:${student}:2026-W49`,
        dueAt: NOW,
      },
    ]);

    expect(await pass()).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await nudgeById(database.db, id!)).toMatchObject({ lastError: 'pipeline_on_track' });
    const next = await database.db
      .select()
      .from(nudges)
      .where(
        and(eq(nudges.personId, student), eq(nudges.kind, 'weekly_pipeline'), eq(nudges.status, 'pending')),
      );
    expect(next).toHaveLength(1);
  });
});
