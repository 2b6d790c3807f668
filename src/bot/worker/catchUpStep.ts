/**
 * The worker's side of catching up (core/nudges/catchUp.ts): a due nudge that is late is sent,
 * sent worded as another kind, dropped for a newer one, or kept for its next slot.
 */
import { catchUp, SUPERSEDED } from '../../core/nudges/catchUp.js';
import type { NudgeConfig } from '../../core/nudges/nudgeConfig.js';
import { cancel, defer } from './nudgeSettlement.js';
import type { ClaimedNudge } from './outboxPort.js';
import type { PassContext } from './pass.js';

/** The nudge to render (maybe as another kind), or null when it was settled here. */
export async function caughtUp(
  ctx: PassContext,
  nudge: ClaimedNudge,
  config: NudgeConfig,
  now: Date,
): Promise<ClaimedNudge | null> {
  const verdict = catchUp(nudge, config, now);
  switch (verdict.action) {
    case 'send':
      return nudge;
    case 'send_as':
      return { ...nudge, kind: verdict.kind };
    case 'supersede':
      await cancel(ctx, nudge, SUPERSEDED);
      return null;
    case 'wait':
      await defer(ctx, nudge, verdict.until, 'late: waits for its next weekly slot');
      return null;
  }
}
