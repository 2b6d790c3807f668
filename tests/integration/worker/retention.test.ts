/**
 * The retention step on its own: a workspace that left an organization that still has another
 * space keeps the organization and the people also on that space; only the people who were in
 * the workspace alone go, one transaction each, with one record.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass } from '../../../src/bot/worker/pass.js';
import { retentionStep } from '../../../src/bot/worker/retentionStep.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import {
  contacts,
  dataDeletions,
  identities,
  organizations,
  persons,
  slackInstallations,
  spaces,
} from '../../../src/db/schema.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { type SeededOrg, seedContact, seedOrg, seedStudents } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const LEFT = new Date('2026-11-01T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('the retention step', () => {
  let database: TestDatabase;
  let org: SeededOrg;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  const passAt = (at: Date, retentionDays = 30) =>
    runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: { now: () => at },
      notifiers: new Map(),
      logger,
      steps: [retentionStep],
      options: { retentionMs: retentionDays * DAY },
    });

  async function workspaceLeft(): Promise<void> {
    const [slack] = await database.db.select().from(spaces).where(eq(spaces.id, org.spaceIds.slack));
    await database.db.update(spaces).set({ sendsHeldSince: LEFT }).where(eq(spaces.id, org.spaceIds.slack));
    await database.db.insert(slackInstallations).values({
      installKey: `team:${slack!.externalId}`,
      teamId: slack!.externalId,
      orgId: org.orgId,
      keyId: 'k1',
      sealed: 'sealed',
      uninstalledAt: LEFT,
    });
  }

  it('when a workspace left an organization that still has a Discord server, then only its own people go and the organization stays', async () => {
    const [slackOnly] = await seedStudents(database.db, org, 1, { platforms: ['slack'] });
    const [linked] = await seedStudents(database.db, org, 1, { platforms: ['discord', 'slack'] });
    await seedContact(database.db, org, slackOnly!, { stage: 'identified', name: 'Jane Doe' });
    await seedContact(database.db, org, linked!, { stage: 'identified', name: 'Pat Lee' });
    await workspaceLeft();

    await passAt(new Date(LEFT.getTime() + 29 * DAY), 30);
    expect(await database.db.select().from(persons)).toHaveLength(2);

    const at = new Date(LEFT.getTime() + 30 * DAY);
    await passAt(at, 30);
    expect((await database.db.select().from(persons)).map((p) => p.id)).toEqual([linked]);
    expect((await database.db.select().from(contacts)).map((c) => c.ownerId)).toEqual([linked]);
    expect((await database.db.select().from(identities)).map((i) => i.platform)).toEqual(['discord']);
    expect((await database.db.select().from(spaces)).map((s) => s.platform)).toEqual(['discord']);
    expect(await database.db.select().from(organizations)).toHaveLength(1);
    expect(await database.db.select().from(slackInstallations)).toEqual([]);
    expect(await database.db.select().from(dataDeletions)).toMatchObject([
      {
        kind: 'workspace_uninstalled',
        leftAt: LEFT,
        deletedAt: at,
        persons: 1,
        contacts: 1,
        organizationDeleted: false,
      },
    ]);
  });

  it('when the workspace came back before the window ended, then nothing is deleted', async () => {
    await seedStudents(database.db, org, 1, { platforms: ['slack'] });
    await workspaceLeft();
    await database.db.update(slackInstallations).set({ uninstalledAt: null });
    await database.db.update(spaces).set({ sendsHeldSince: null });

    await passAt(new Date(LEFT.getTime() + 60 * DAY));
    expect(await database.db.select().from(persons)).toHaveLength(1);
    expect(await database.db.select().from(dataDeletions)).toEqual([]);
  });
});
