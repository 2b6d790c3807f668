import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  beginSend,
  claimDue,
  markCancelled,
  markSent,
  release,
  selectLeaseExpired,
  selectPendingDue,
} from '../../../src/db/outbox.js';
import { nudges } from '../../../src/db/schema.js';
import { ageLeases, databaseTime } from '../../support/databaseClock.js';
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

  it('when claiming, then only due pending rows come back, oldest first, leased on the database clock and counted', async () => {
    const ids = await seedNudges(database.db, org, [
      { personId: student, dueAt: at(-1000) },
      { personId: student, dueAt: at(-3000) },
      { personId: student, dueAt: at(0) },
      { personId: student, dueAt: at(1) },
    ]);

    const before = await databaseTime(database.db);
    const claimed = await claimDue(database.db, { now: NOW, limit: 2, leaseMs: LEASE });
    const after = await databaseTime(database.db);

    expect(claimed.map((n) => n.id)).toEqual([ids[1], ids[0]]);
    expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, inDoubtSince: null });
    // The worker's clock (NOW, in the past or future of the database's) plays no part in the lease.
    const lease = claimed[0]!.leaseUntil.getTime();
    expect(lease).toBeGreaterThanOrEqual(before.getTime() + LEASE - 1);
    expect(lease).toBeLessThanOrEqual(after.getTime() + LEASE);
    const rest = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });
    expect(rest.map((n) => n.id)).toEqual([ids[2]]);
    expect(await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE })).toEqual([]);
  });

  it('when a worker died holding a lease, then the row is claimed again once the lease has expired on the database clock', async () => {
    const [id] = await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    const [dead] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });

    // A worker whose clock runs a day ahead still sees the lease as live.
    expect(await claimDue(database.db, { now: at(86_400_000), limit: 10, leaseMs: LEASE })).toEqual([]);
    await ageLeases(database.db, LEASE - 1_000);
    expect(await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE })).toEqual([]);
    await ageLeases(database.db, 1_001);
    const [taken] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });

    expect(taken).toMatchObject({ id, attempts: 2 });
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

  it('when a row is stuck in sending with no lease, then the next claim takes it, whatever the worker clock reads', async () => {
    const [id] = await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    await database.db.update(nudges).set({ status: 'sending', leaseUntil: null }).where(eq(nudges.id, id!));

    const [taken] = await claimDue(database.db, { now: at(-86_400_000), limit: 10, leaseMs: LEASE });

    expect(taken).toMatchObject({ id, status: 'sending', attempts: 1 });
    expect(taken!.leaseUntil).toBeInstanceOf(Date);
    expect(await markSent(database.db, taken!, { messageId: 'm1', sentAt: NOW })).toBe(true);
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

  it('when a send begins, then the lease is renewed, the row is marked in doubt until settled, and only the new lease settles', async () => {
    const [id] = await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    const [claim] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });

    const renewed = await beginSend(database.db, claim!, 5 * LEASE);

    expect(renewed).toMatchObject({ id: claim!.id, attempts: 1 });
    expect(renewed!.leaseUntil.getTime()).toBeGreaterThan(claim!.leaseUntil.getTime());
    const inDoubt = await nudgeById(database.db, id!);
    expect(inDoubt).toMatchObject({ leaseUntil: renewed!.leaseUntil });
    expect(inDoubt!.inDoubtSince).toBeInstanceOf(Date);
    await ageLeases(database.db, 2 * LEASE);
    expect(await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE })).toEqual([]);
    expect(await beginSend(database.db, claim!, LEASE)).toBeNull();
    const [current] = await database.db.select().from(nudges).where(eq(nudges.id, id!));
    const lease = { id: id!, attempts: 1, leaseUntil: current!.leaseUntil! };
    expect(await markSent(database.db, lease, { messageId: 'x', sentAt: NOW })).toBe(true);
    expect(await nudgeById(database.db, id!)).toMatchObject({ status: 'sent', inDoubtSince: null });
  });

  it('when a send that began is put back after a 429, then the doubt it raised is dropped, and a doubt from before stays', async () => {
    const [id] = await seedNudges(database.db, org, [{ personId: student, dueAt: at(-1000) }]);
    const [first] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });
    const sending = await beginSend(database.db, first!, LEASE);
    expect(await release(database.db, sending!, { dueAt: NOW, error: '429', inDoubtSince: null })).toBe(true);
    expect(await nudgeById(database.db, id!)).toMatchObject({ status: 'pending', inDoubtSince: null });

    const [second] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });
    const timedOut = await beginSend(database.db, second!, LEASE);
    expect(await release(database.db, timedOut!, { dueAt: NOW, error: 'no answer' })).toBe(true);
    const [third] = await claimDue(database.db, { now: NOW, limit: 10, leaseMs: LEASE });
    expect(third!.inDoubtSince).toBeInstanceOf(Date);
    const again = await beginSend(database.db, third!, LEASE);
    expect(
      await release(database.db, again!, { dueAt: NOW, error: '429', inDoubtSince: third!.inDoubtSince }),
    ).toBe(true);
    expect(await nudgeById(database.db, id!)).toMatchObject({ inDoubtSince: third!.inDoubtSince });
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
      // 20,000 rows: pending ones nearly all due in the future, some history, and some in
      // flight, a few of those stuck with no lease.
      await database.db.execute(sql`
        insert into nudges (org_id, person_id, kind, dedupe_key, due_at, status, lease_until)
        select ${org.orgId}::uuid, ${student}::uuid, 'reflect', 'plan:' || i,
               ${NOW.toISOString()}::timestamptz + (i || ' minutes')::interval - interval '50 minutes',
               case when i % 4 = 0 then 'sent'::nudge_status
                    when i % 50 = 1 then 'sending'::nudge_status
                    else 'pending'::nudge_status end,
               case when i % 50 = 1 and i % 200 <> 1 then now() + interval '5 minutes' end
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
        const expired = await plan(selectLeaseExpired(database.db, 50));
        expect(pending).toMatch(/Index Scan using nudges_pending_due_idx/);
        // One range scan of the partial index, rows without a lease included (read as -infinity).
        expect(expired).toMatch(/Index Scan using nudges_sending_lease_idx/);
        expect(expired).toMatch(
          /Index Cond: \(COALESCE\(lease_until, '-infinity'::timestamp with time zone\) < now\(\)\)/,
        );
      } finally {
        await client.end();
      }
    });
  },
);
