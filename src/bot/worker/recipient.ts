/**
 * Which of a person's identities a nudge goes to. A person linked on Slack and Discord gets each
 * nudge once, on one platform: the one they used Rapport on last among those we can send to.
 */
import type { Platform } from '../../core/domain.js';
import type { Notifier, Recipient } from '../../core/notifier.js';
import type { DeliveryIdentity } from './outboxPort.js';

export type Route =
  | { ok: true; identity: DeliveryIdentity; notifier: Notifier; recipient: Recipient; channel: string }
  /** Nobody can deliver it: no notifier for these platforms, or (`held`) every space has left. */
  | { ok: false; missing: Platform[]; held?: boolean };

/** Where a Notifier sends to, from an identity as the database gives it. */
export const recipientOf = (
  identity: Pick<Recipient, 'personId' | 'platform' | 'spaceExternalId' | 'externalUserId' | 'dmChannelId'>,
): Recipient => ({
  personId: identity.personId,
  platform: identity.platform,
  spaceExternalId: identity.spaceExternalId,
  externalUserId: identity.externalUserId,
  dmChannelId: identity.dmChannelId,
});

/**
 * Orders a person's identities for delivery: the platform they used last first, then the most
 * recently updated (for people who have not used Rapport since this was recorded).
 */
export function usedLastFirst(
  a: { seenLast: boolean; updatedAt: Date; platform: Platform },
  b: { seenLast: boolean; updatedAt: Date; platform: Platform },
): number {
  return (
    Number(b.seenLast) - Number(a.seenLast) ||
    b.updatedAt.getTime() - a.updatedAt.getTime() ||
    a.platform.localeCompare(b.platform)
  );
}

/**
 * The identity to deliver to: among those whose platform has a notifier, the one `usedLastFirst`
 * puts first. `missing` lists the platforms the person is on that no notifier serves.
 */
export function pickRoute(
  identities: readonly DeliveryIdentity[],
  notifiers: ReadonlyMap<Platform, Notifier>,
): Route {
  // An identity in a space that has left (uninstalled) is as good as none until it is back.
  const live = identities.filter((identity) => identity.held !== true);
  if (live.length === 0 && identities.length > 0) return { ok: false, missing: [], held: true };
  const served = live.filter((identity) => notifiers.has(identity.platform)).sort(usedLastFirst);
  const identity = served[0];
  if (!identity) return { ok: false, missing: [...new Set(live.map((i) => i.platform))] };
  const notifier = notifiers.get(identity.platform)!;
  return {
    ok: true,
    identity,
    notifier,
    recipient: recipientOf(identity),
    // A DM is a channel; before it is opened, the user id stands for it.
    channel: identity.dmChannelId ?? `user:${identity.spaceExternalId}:${identity.externalUserId}`,
  };
}
