/**
 * Sends to a space that has left. A nudge whose person is only in such spaces is not claimed at
 * all (see `notHeld` in src/db/outbox.ts); these are the two ways one still reaches the step: it
 * was claimed just before the space left, or the platform says so in answer to the send (a
 * revoked or dead token). Either way it goes back to the outbox untouched (no attempt counted,
 * due when it was), so a reinstall sends it as it was, if still relevant.
 */
import type { Platform } from '../../core/domain.js';
import type { SendOutcome } from '../../core/notifier.js';
import { leavingRepository } from '../../db/repos/leavingRepository.js';
import { settle } from './nudgeSettlement.js';
import type { ClaimedNudge, Lease } from './outboxPort.js';
import type { PassContext } from './pass.js';

/** The key of a space in `PassContext.heldSpaces`. */
export const spaceKey = (platform: string, externalId: string): string => `${platform}:${externalId}`;

/** Back to pending as it was: nothing was posted, so an earlier doubt is all that remains. */
export async function holdNudge(ctx: PassContext, nudge: ClaimedNudge, lease: Lease): Promise<void> {
  await settle(ctx, lease, () =>
    ctx.outbox.release(lease, {
      dueAt: nudge.dueAt,
      error: 'held: the workspace has left',
      countAttempt: false,
      inDoubtSince: nudge.inDoubtSince,
    }),
  );
  ctx.summary.deferred += 1;
}

/**
 * The platform said the space is gone: its sends are held from now on (in the database, for
 * every worker; in this pass's memory, so the rest of the batch is not even tried), with one log
 * line for the space, not one per nudge.
 */
export async function spaceGone(
  ctx: PassContext,
  nudge: ClaimedNudge,
  lease: Lease,
  to: { platform: Platform; spaceExternalId: string },
  outcome: Extract<SendOutcome, { status: 'space_gone' }>,
): Promise<void> {
  await holdGoneSpace(ctx, to.platform, to.spaceExternalId, outcome.error);
  await holdNudge(ctx, nudge, lease);
}

/** Holds a space the platform called gone (any send: a nudge, a digest), logged once per space. */
export async function holdGoneSpace(
  ctx: PassContext,
  platform: Platform,
  spaceExternalId: string,
  error: string,
): Promise<void> {
  ctx.heldSpaces.add(spaceKey(platform, spaceExternalId));
  const newly = await leavingRepository(ctx.db).holdSpace(platform, spaceExternalId, ctx.clock.now());
  if (newly) {
    ctx.logger.warn(
      { platform, space: spaceExternalId, error },
      'The platform no longer accepts our token for this space: its sends are held until it is installed again',
    );
  }
}
