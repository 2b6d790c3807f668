/** The worker's Outbox port (src/bot/worker/outboxPort.ts) on the database: outbox.ts's queries bound to one handle. */
import type { Outbox } from '../bot/worker/outboxPort.js';
import { loadDeliveryFacts, rememberDmChannel } from './deliveryFacts.js';
import type { Db } from './engine.js';
import { beginSend, claimDue, markCancelled, markFailed, markSent, release } from './outbox.js';

export function nudgeOutbox(db: Db): Outbox {
  return {
    claimDue: (options) => claimDue(db, options),
    beginSend: (lease, leaseMs) => beginSend(db, lease, leaseMs),
    markSent: (lease, sent) => markSent(db, lease, sent),
    release: (lease, options) => release(db, lease, options),
    markFailed: (lease, error) => markFailed(db, lease, error),
    markCancelled: (lease, reason) => markCancelled(db, lease, reason),
    loadDeliveryFacts: (batch) => loadDeliveryFacts(db, batch),
    rememberDmChannel: (identityId, dmChannelId) => rememberDmChannel(db, identityId, dmChannelId),
  };
}
