/**
 * Housekeeping at the end of a pass: delivery keys that can no longer be retried are dropped.
 * Slack re-delivers an unanswered request three times within minutes, so a day of keys is ample;
 * without this the de-duplication table grows with every command ever typed. Wrong code tries
 * go after a day too: no limit looks back further than an hour.
 */
import { dropCodeTriesBefore, dropDeliveryKeysBefore } from '../../db/housekeeping.js';
import type { PassContext, PassStep } from './pass.js';

export const DELIVERY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const CODE_TRY_TTL_MS = 24 * 60 * 60 * 1000;

export const housekeepingStep: PassStep = {
  name: 'housekeeping',
  async run(ctx: PassContext) {
    const now = ctx.clock.now().getTime();
    const removed = await dropDeliveryKeysBefore(ctx.db, new Date(now - DELIVERY_KEY_TTL_MS));
    if (removed) ctx.logger.info({ removed }, 'Dropped expired delivery keys');
    await dropCodeTriesBefore(ctx.db, new Date(now - CODE_TRY_TTL_MS));
  },
};
