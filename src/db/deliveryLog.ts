/**
 * The de-duplication of platform deliveries (`processed_requests`): each delivery's key is
 * inserted, and the insert that lands first wins, so a retry, even one racing the original in
 * another process, is applied once. The kinds of keys are the edge's business
 * (src/bot/slack/deliveryLog.ts).
 */
import { sql } from 'drizzle-orm';
import type { Platform } from '../core/domain.js';
import type { Db } from './engine.js';
import { preparedPerHandle } from './prepared.js';
import { processedRequests } from './schema.js';

/** Resolves true the first time `key` is seen, false for every later delivery of it. */
export type FirstDelivery = (key: string) => Promise<boolean>;

/** Every delivery runs it: prepared once per handle (prepared.ts). */
const insertKey = preparedPerHandle((db: Db) =>
  db
    .insert(processedRequests)
    .values({ platform: sql.placeholder('platform'), key: sql.placeholder('key') })
    .onConflictDoNothing()
    .returning({ key: processedRequests.key })
    .prepare('first_delivery'),
);

export function deliveryLog(db: Db, platform: Platform): FirstDelivery {
  return async (key) => {
    const inserted = await insertKey(db).execute({ platform, key });
    return inserted.length === 1;
  };
}

/** Slack's retried deliveries (`x-slack-retry-num`), which Bolt does not de-duplicate. */
export const slackDeliveryLog = (db: Db): FirstDelivery => deliveryLog(db, 'slack');
