import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimDue,
  extendLease,
  markCancelled,
  markSent,
  release,
  selectLeaseExpired,
  selectPendingDue,
} from '../../../src/db/outbox.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../../support/testDatabase.js';
import { nudgeById, nudgesOf, type SeededOrg, seedNudges, seedOrg, seedStudents } from './fixtures.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const LEASE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('the outbox', () => {
  let database: TestDatabase;
  let org: SeededOrg;
  let student: string;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
    [student] = (await seedStudents(database.db, org, 1)) as [string];
  });
  afterEach(async () => {
    await database.close();
  });

  it('when claiming, then only due pending rows come back, oldest first, leased and counted', async () => {
    const ids = await seedNudges(database.db, org, [
      { personId: student, dueAt: at(-1000) },
      { personId: student, dueAt: at(-3000) },
      { personId: student, dueAt: at(0) },
      { personId: student, dueAt: at(1) },
    ]);

    const claimed = await claimDue(database.db, { now: NOW, limit: 2, leaseMs: LEASE });

    expect(claimed.map((n) => n.id)).toEqual([ids[1], ids[0]]);
    expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, leaseUntil: at(LEASE) });
    const rest = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });
    expect(rest.map((n) => n.id)).toEqual([ids[2]]);
    expect(await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE })).toEqual([]);
  });

  it('when a worker died holding a lease, then the row is claimed again once the lease has expired', async () => {
    const [id] = await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    const [dead] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });

    expect(await claimDue(database.db, { now: at(LEASE - 1), limit: 10, leaseMs: LEASE })).toEqual([]);
    const [taken] = await claimDue(database.db, { now: at(LEASE + 1), limit: 10, leaseMs: LEASE });

    expect(taken).toMatchObject({ id, attempts: 2, leaseUntil: at(2 * LEASE + 1) });
    // The dead worker's claim no longer settles anything; the live one's does.
    expect(await markSent(database.db, dead!, { messageId: 'late', sentAt: NOW })).toBe(false);
    expect(await markCancelled(database.db, dead!, 'stale')).toBe(false);
    expect(await markSent(database.db, taken!, { messageId: 'm1', sentAt: at(LEASE + 2) })).toBe(true);
    expect(await nudgeById(database.db, id!)).toMatchObject({
      status: 'sent',
      platformMessageId: 'm1',
      leaseUntil: null,
    });
  });

  it('when a claim is released without an attempt, then the attempt count is given back', async () => {
    const [id] = await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    const [claim] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });

    expect(
      await release(database.db, claim!, { dueAt: at(3600_000), error: 'quiet hours', countAttempt: false }),
    ).toBe(true);
    expect(await nudgeById(database.db, id!)).toMatchObject({
      status: 'pending',
      attempts: 0,
      dueAt: at(3600_000),
      leaseUntil: null,
      lastError: 'quiet hours',
    });
    // Settled once: a second settlement of the same claim does nothing.
    expect(await release(database.db, claim!, { dueAt: NOW, error: null })).toBe(false);
  });

  it('when a lease is extended, then the new lease settles and the old one does not', async () => {
    await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    const [claim] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });

    const renewed = await extendLease(database.db, claim!, at(5 * LEASE));

    expect(renewed).toMatchObject({ id: claim!.id, attempts: 1, leaseUntil: at(5 * LEASE) });
    expect(await claimDue(database.db, { now: at(2 * LEASE), limit: 10, leaseMs: LEASE })).toEqual([]);
    expect(await markSent(database.db, claim!, { messageId: 'x', sentAt: NOW })).toBe(false);
    expect(await markSent(database.db, renewed!, { messageId: 'x', sentAt: NOW })).toBe(true);
  });

  it('when many rows are due, then claims in batches take each exactly once', async () => {
    await seedNudges(
      database.db,
      org,
      Array.from({ length: 120 }, (_, i) => ({ personId: student, dueAt: at(-i * 1000) })),
    );
    const seen: string[] = [];
    for (;;) {
      const batch = await claimDue(database.db, { now: NOW, limit: 25, leaseMs: LEASE });
      if (batch.length === 0) break;
      seen.push(...batch.map((n) => n.id));
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect((await nudgesOf(database.db)).every((n) => n.status === 'sending')).toBe(true);
  });
});

describe.skipIf(testDatabaseKind() !== 'postgres')(
  'the outbox query plans (PostgreSQL only: PGlite has no server planner statistics to check against)',
  () => {
    let database: TestDatabase;

    beforeEach(async () => {
      database = await openTestDatabase();
    });
    afterEach(async () => {
      await database.close();
    });

    it('when finding due work, then each predicate is answered from its partial index', async () => {
      const org = await seedOrg(database.db);
      const [student] = await seedStudents(database.db, org, 1);
      // 20,000 pending rows, nearly all due in the future, and some history.
      await database.db.execute(sql`
        insert into nudges (org_id, person_id, kind, dedupe_key, due_at, status)
        select ${org.orgId}::uuid, ${student}::uuid, 'reflect', 'plan:' || i,
               ${NOW.toISOString()}::timestamptz + (i || ' minutes')::interval - interval '50 minutes',
               case when i % 4 = 0 then 'sent'::nudge_status else 'pending'::nudge_status end
        from generate_series(1, 20000) as i`);
      await database.db.execute(sql`analyze nudges`);
      const client = postgres(database.url!, { max: 1, onnotice: () => {} });
      try {
        const plan = async (query: { toSQL(): { sql: string; params: unknown[] } }) => {
          const { sql: text, params } = query.toSQL();
          const rows = await client.unsafe(`explain ${text}`, params as never[]);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        };
        const pending = await plan(selectPendingDue(database.db, NOW, 50));
        const expired = await plan(selectLeaseExpired(database.db, NOW, 50));
        expect(pending).toMatch(/Index Scan using nudges_pending_due_idx/);
        expect(expired).toMatch(/Index Scan using nudges_sending_lease_idx/);
      } finally {
        await client.end();
      }
    });
  },
);
