/**
 * Slack re-delivers a request it thinks went unanswered (`x-slack-retry-num`) and Bolt does not
 * de-duplicate. Each delivery's key is written to `processed_requests`; the insert that lands
 * first wins, so a retry, even one racing the original in another process, is applied once.
 */

import { senderPart } from '../../db/deliverySender.js';
import type { Db } from '../../db/engine.js';
import { processedRequests } from '../../db/schema.js';

/** Resolves true the first time `key` is seen, false for every later delivery of it. */
export type FirstDelivery = (key: string) => Promise<boolean>;

export function slackDeliveryLog(db: Db): FirstDelivery {
  return async (key) => {
    const inserted = await db
      .insert(processedRequests)
      .values({ platform: 'slack', key })
      .onConflictDoNothing()
      .returning({ key: processedRequests.key });
    return inserted.length === 1;
  };
}

/**
 * The keys a delivery is known by; Slack gives each kind of request a different unique field. The
 * sender is written the one way forget-me looks for it (`senderPart`).
 */
export const deliveryKeys = {
  command: (teamId: string, userId: string, triggerId: string) =>
    `command${senderPart(teamId, userId)}${triggerId}`,
  event: (eventId: string) => `event:${eventId}`,
  action: (teamId: string, userId: string, actionTs: string) =>
    `action${senderPart(teamId, userId)}${actionTs}`,
  view: (teamId: string, userId: string, viewId: string) => `view${senderPart(teamId, userId)}${viewId}`,
  /** A command typed in the app's Messages tab: the event id, with its sender for forget-me. */
  dm: (teamId: string, userId: string, eventId: string) => `dm${senderPart(teamId, userId)}${eventId}`,
} as const;
