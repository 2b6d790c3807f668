/**
 * The two queries the operating endpoints make of the database, on the real engines: how far
 * behind the outbox is (for /metrics) and whether every migration is applied (for /readyz).
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxBacklog } from '../../../src/db/outboxBacklog.js';
import { nudges } from '../../../src/db/schema.js';
import { schemaIsCurrent } from '../../../src/db/schemaVersion.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { type SeededOrg, seedNudges, seedOrg, seedStudents } from '../worker/fixtures.js';

let database: TestDatabase;
let org: SeededOrg;

beforeEach(async () => {
  database = await openTestDatabase();
  org = await seedOrg(database.db);
});
afterEach(async () => {
  await database.close();
});

const HOUR = 3600_000;

describe('the outbox backlog', () => {
  it('when nothing is due, then the depth and the age are 0', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    await seedNudges(database.db, org, [{ personId: student!, dueAt: new Date(Date.now() + HOUR) }]);
    expect(await outboxBacklog(database.db)).toEqual({ due: 0, oldestDueAgeSeconds: 0 });
  });

  it('when pending nudges are due, then it counts only those and ages the oldest by the database clock', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    const ids = await seedNudges(database.db, org, [
      { personId: student!, dueAt: new Date(Date.now() - 2 * HOUR) },
      { personId: student!, dueAt: new Date(Date.now() - HOUR) },
      { personId: student!, dueAt: new Date(Date.now() - 3 * HOUR) },
      { personId: student!, dueAt: new Date(Date.now() + HOUR) },
    ]);
    // Sent and in-flight rows are not the backlog, however old they are.
    await database.db.update(nudges).set({ status: 'sent' }).where(eq(nudges.id, ids[2]!));
    const backlog = await outboxBacklog(database.db);
    expect(backlog.due).toBe(2);
    expect(backlog.oldestDueAgeSeconds).toBeGreaterThan(2 * 3600 - 60);
    expect(backlog.oldestDueAgeSeconds).toBeLessThan(2 * 3600 + 60);
  });
});

describe('the schema check', () => {
  it('when every shipped migration is applied, then the schema is current', async () => {
    expect(await schemaIsCurrent(database.db)).toBe(true);
  });

  it('when the newest migration is missing from the database, then it is not', async () => {
    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    expect(await schemaIsCurrent(database.db)).toBe(false);
  });
});
