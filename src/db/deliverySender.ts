/**
 * How a platform delivery key (`processed_requests`) names who sent it: `:<space>:<user>:`
 * inside the key. The kinds of keys are the edge's business (src/bot/slack/deliveryLog.ts); this
 * part is shared so that forget-me can delete every key that names one of the person's identities.
 */
export const senderPart = (spaceExternalId: string, externalUserId: string): string =>
  `:${spaceExternalId}:${externalUserId}:`;
