/**
 * Housekeeping at the end of a pass: delivery keys that can no longer be retried are dropped.
 * Slack re-delivers an unanswered request three times within minutes, so a day of keys is ample;
 * without this the de-duplication table grows with every command ever typed. Wrong code tries
 * go after a day too: no limit looks back further than an hour.
 */
import { lt } from 'drizzle-orm';
import { codeTries, processedRequests } from '../../db/schema.js';
import type { PassContext, PassStep } from './pass.js';

export const DELIVERY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const CODE_TRY_TTL_MS = 24 * 60 * 60 * 1000;

export const housekeepingStep: PassStep = {
  name: 'housekeeping',
  async run(ctx: PassContext) {
    const before = new Date(ctx.clock.now().getTime() - DELIVERY_KEY_TTL_MS);
    const removed = await ctx.db
      .delete(processedRequests)
      .where(lt(processedRequests.createdAt, before))
      .returning({ key: processedRequests.key });
    if (removed.length) ctx.logger.info({ removed: removed.length }, 'Dropped expired delivery keys');
    await ctx.db
      .delete(codeTries)
      .where(lt(codeTries.triedAt, new Date(ctx.clock.now().getTime() - CODE_TRY_TTL_MS)));
  },
};
