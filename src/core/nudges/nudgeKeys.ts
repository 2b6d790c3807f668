/**
 * Dedupe keys name a nudge's purpose: planning the same key twice is one nudge, and a key once
 * sent is never planned again. The moment that started a purpose (a stage change, a meeting) is
 * part of the key, so a new outreach or a new meeting starts afresh.
 */

/** Builds the dedupe key of each nudge kind. */
export const nudgeKeys = {
  followUp: (contactId: string, reachedOutAt: Date, n: number): string =>
    `follow_up:${contactId}:${reachedOutAt.getTime()}:${n}`,
  prepare: (contactId: string, meetingStart: Date): string =>
    `prepare:${contactId}:${meetingStart.getTime()}`,
  /** `ref` is the meeting id, or the epoch of the move to `met` when no meeting was recorded. */
  thankYou: (contactId: string, ref: string, n: 1 | 2): string => `thank_you:${contactId}:${ref}:${n}`,
  debrief: (contactId: string, ref: string): string => `debrief:${contactId}:${ref}`,
  thankReferrer: (contactId: string): string => `thank_referrer:${contactId}`,
  keepInTouch: (contactId: string, thankedAt: Date): string =>
    `keep_in_touch:${contactId}:${thankedAt.getTime()}`,
  secondConversation: (contactId: string, ref: string): string => `second_conversation:${contactId}:${ref}`,
  /** `isoWeek` as `2026-W48`, the week of the Monday it is due. */
  weeklyPipeline: (personId: string, isoWeek: string): string => `weekly_pipeline:${personId}:${isoWeek}`,
  reflect: (personId: string): string => `reflect:${personId}`,
} as const;

/**
 * The epoch (ms) a key was anchored on, for the kinds anchored on a moment: the stage change of a
 * follow-up or keep-in-touch, the meeting start of a prepare. Null for other keys.
 */
export function keyAnchorEpoch(dedupeKey: string): number | null {
  const [kind, , anchor] = dedupeKey.split(':');
  if (kind !== 'follow_up' && kind !== 'keep_in_touch' && kind !== 'prepare') return null;
  const epoch = Number(anchor);
  return anchor !== undefined && anchor !== '' && Number.isFinite(epoch) ? epoch : null;
}
