/**
 * The worker and a space that has left (spaces.sends_held_since): its people's nudges are not
 * claimed, a person linked to another platform is reached there, a nudge claimed just before the
 * space left goes back untouched, a space the platform calls gone is held from the first answer
 * on, and the organization's digest waits while all its spaces are gone.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import type { Platform } from '../../../src/core/domain.js';
import type { Notifier } from '../../../src/core/notifier.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { listDigestOrganizations } from '../../../src/db/repos/digestSlots.js';
import { nudges, spaces } from '../../../src/db/schema.js';
import { digestPass } from '../../support/digestPass.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { nudgesOf, type SeededOrg, seedNudges, seedOrg, seedStudents, UNPACED } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const NOW = new Date('2026-12-01T10:00:00Z');
const fast: Partial<WorkerOptions> = {
  concurrency: 1,
  rateLimits: {
    slack: UNPACED,
    discord: UNPACED,
  },
};

describe('the worker and a space that has left', () => {
  let database: TestDatabase;
  let org: SeededOrg;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  const pass = (notifiers: Map<Platform, Notifier>) => {
    const time = virtualTime(NOW);
    return runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: time.clock,
      sleep: time.sleep,
      notifiers,
      logger,
      options: fast,
    });
  };
  const holdSlack = (at: Date | null = NOW) =>
    database.db.update(spaces).set({ sendsHeldSince: at }).where(eq(spaces.id, org.spaceIds.slack));

  it('when the Slack workspace is held, then its people are skipped and someone also on Discord is reached there', async () => {
    const [slackOnly] = await seedStudents(database.db, org, 1, { platforms: ['slack'] });
    const [linked] = await seedStudents(database.db, org, 1, { platforms: ['discord', 'slack'] });
    const [held, reached] = await seedNudges(database.db, org, [
      { personId: slackOnly!, dueAt: NOW },
      { personId: linked!, dueAt: NOW },
    ]);
    await holdSlack();
    const slack = new FakeNotifier('slack');
    const discord = new FakeNotifier('discord');

    const summary = await pass(
      new Map<Platform, Notifier>([
        ['slack', slack],
        ['discord', discord],
      ]),
    );

    expect(summary).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(slack.sends).toEqual([]);
    expect(discord.sends).toHaveLength(1);
    const rows = await nudgesOf(database.db, [held!, reached!]);
    expect(rows.find((row) => row.id === held)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(rows.find((row) => row.id === reached)?.status).toBe('sent');

    // Back: the held one goes out as it was.
    await holdSlack(null);
    expect(await pass(new Map([['slack', slack]]))).toMatchObject({ sent: 1 });
    expect(slack.sends).toHaveLength(1);
  });

  it('when a nudge was claimed before its space left (a lease that ran out), then it goes back to pending as it was, not sent', async () => {
    const [student] = await seedStudents(database.db, org, 1, { platforms: ['slack'] });
    const [id] = await seedNudges(database.db, org, [{ personId: student!, dueAt: NOW }]);
    await database.db.update(nudges).set({ status: 'sending', leaseUntil: null }).where(eq(nudges.id, id!));
    await holdSlack();
    const slack = new FakeNotifier('slack');

    expect(await pass(new Map([['slack', slack]]))).toMatchObject({ claimed: 1, sent: 0, failed: 0 });
    expect(slack.sends).toEqual([]);
    const [row] = await nudgesOf(database.db, [id!]);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, dueAt: NOW, leaseUntil: null });
  });

  it('when the platform answers that the space is gone, then the nudge goes back untouched, the space is held, and its other nudges are not tried', async () => {
    const students = await seedStudents(database.db, org, 3, { platforms: ['slack'] });
    const ids = await seedNudges(
      database.db,
      org,
      students.map((personId) => ({ personId, dueAt: NOW })),
    );
    const slack = new FakeNotifier('slack').script({ status: 'space_gone', error: 'invalid_auth' });

    const summary = await pass(new Map([['slack', slack]]));

    expect(slack.sends).toHaveLength(1);
    expect(summary).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    const rows = await nudgesOf(database.db, ids);
    expect(rows.every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
    const [space] = await database.db.select().from(spaces).where(eq(spaces.id, org.spaceIds.slack));
    expect(space?.sendsHeldSince).toEqual(NOW);
    expect(await pass(new Map([['slack', slack]]))).toMatchObject({ claimed: 0 });
  });

  it('when the platform answers a digest that the space is gone, then the space is held too', async () => {
    await seedStudents(database.db, org, 1, { platforms: ['slack'], role: 'coordinator' });
    const slack = new FakeNotifier('slack').script({ status: 'space_gone', error: 'token_revoked' });
    await digestPass(database.db, '2026-11-30T09:00:00Z', slack, null);
    expect(slack.sends).toHaveLength(1);
    const [space] = await database.db.select().from(spaces).where(eq(spaces.id, org.spaceIds.slack));
    expect(space?.sendsHeldSince).not.toBeNull();
  });

  it('when every space of an organization is held, then its weekly digest waits; one live space is enough', async () => {
    const listed = async () => (await listDigestOrganizations(database.db)).map((o) => o.orgId);
    await holdSlack();
    expect(await listed()).toContain(org.orgId);
    await database.db.update(spaces).set({ sendsHeldSince: NOW }).where(eq(spaces.id, org.spaceIds.discord));
    expect(await listed()).not.toContain(org.orgId);
  });
});
