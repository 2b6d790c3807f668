/**
 * The database's clock, for leases. Every worker compares leases with the same clock, PostgreSQL's
 * `now()`, so a worker whose own clock runs fast cannot see a live lease as expired and take the
 * work over (nor one that runs slow hold a dead worker's work for longer). What is *due* is still
 * decided by the worker's clock, which tests and `worker --once --now` set.
 */
import { type SQL, sql } from 'drizzle-orm';

/**
 * `now()` plus `ms`, cut to whole milliseconds: a lease is read back into a JavaScript Date and
 * later compared for equality (it fences settlements), so it must hold no microseconds.
 */
export const databaseNowPlus = (ms: number): SQL<Date> =>
  sql<Date>`date_trunc('milliseconds', now() + ${ms}::double precision * interval '1 millisecond')`;

/** The database's `now()`, cut to whole milliseconds. */
export const databaseNow = (): SQL<Date> => sql<Date>`date_trunc('milliseconds', now())`;
