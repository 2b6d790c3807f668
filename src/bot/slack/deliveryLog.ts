/**
 * Slack re-delivers a request it thinks went unanswered (`x-slack-retry-num`) and Bolt does not
 * de-duplicate: each delivery is known by a key (below), applied once through the delivery log
 * (src/db/deliveryLog.ts, wired in main.ts).
 */

import { senderPart } from '../../db/deliverySender.js';

export type { FirstDelivery } from '../../db/deliveryLog.js';

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
