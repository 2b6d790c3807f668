/** What the worker's housekeeping deletes: rows past their use, each kind by its age. */
import { lt } from 'drizzle-orm';
import type { Db } from './engine.js';
import { codeTries, processedRequests } from './schema.js';

/** Delivery keys written before `before`; returns how many went. */
export async function dropDeliveryKeysBefore(db: Db, before: Date): Promise<number> {
  const removed = await db
    .delete(processedRequests)
    .where(lt(processedRequests.createdAt, before))
    .returning({ key: processedRequests.key });
  return removed.length;
}

/** Wrong code tries made before `before`. */
export async function dropCodeTriesBefore(db: Db, before: Date): Promise<void> {
  await db.delete(codeTries).where(lt(codeTries.triedAt, before));
}
