/**
 * The database's clock in tests. Leases are set and compared with PostgreSQL's `now()`, not with
 * the clock a test passes to the worker, so a test lets a lease run out by moving the lease into
 * the past (graphile-worker and pg-boss test dead workers the same way), never by waiting.
 */
import { isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/engine.js';
import { type digestLog, nudges } from '../../src/db/schema.js';

/** The database's own clock (`now()`). */
export async function databaseTime(db: Db): Promise<Date> {
  const result: unknown = await db.execute(sql`select (extract(epoch from now()) * 1000)::float8 as ms`);
  // postgres.js answers with the rows, PGlite with `{ rows }`.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    ms: number | string;
  }[];
  return new Date(Number(rows[0]!.ms));
}

/** Moves every lease of `table` (the outbox by default) `ms` into the past: as if `ms` went by. */
export async function ageLeases(
  db: Db,
  ms: number,
  table: typeof nudges | typeof digestLog = nudges,
): Promise<void> {
  await db
    .update(table)
    .set({ leaseUntil: sql`${table.leaseUntil} - ${ms}::double precision * interval '1 millisecond'` })
    .where(isNotNull(table.leaseUntil));
}
