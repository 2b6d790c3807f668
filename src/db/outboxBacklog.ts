/**
 * How far behind the outbox is, for /metrics: the pending nudges already due, and how long the
 * oldest of them has waited. One query on the partial index the worker claims through
 * (`nudges_pending_due_idx`), timed by the database's own clock like every lease.
 */
import { and, count, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './engine.js';
import { nudges } from './schema.js';

export interface OutboxBacklog {
  /** Pending nudges whose time has come. */
  due: number;
  /** Seconds since the oldest of them came due; 0 when none is due. */
  oldestDueAgeSeconds: number;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const [row] = await db
    .select({
      due: count(),
      age: sql<number | null>`extract(epoch from now() - min(${nudges.dueAt}))::float8`.mapWith(Number),
    })
    .from(nudges)
    .where(and(eq(nudges.status, 'pending'), lte(nudges.dueAt, sql`now()`)));
  return { due: row?.due ?? 0, oldestDueAgeSeconds: Math.max(0, row?.age ?? 0) };
}
