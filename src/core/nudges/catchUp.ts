/**
 * Catching up after the worker was down: nudges that piled up are not all sent at once. Of a
 * contact's follow-ups, only the newest goes; a thank-you reminder days late would read oddly,
 * so it becomes the keep-in-touch message; a weekly check waits for its next weekday slot.
 */
import type { NudgeKind } from '../domain.js';
import type { NudgeConfig } from './nudgeConfig.js';
import type { NudgeRecord } from './nudgePorts.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A thank-you reminder later than this is past its usefulness as a thank-you. */
export const THANK_YOU_LATE_MS = 3 * DAY_MS;
/** A weekly check later than this waits for its next slot. */
const WEEKLY_LATE_MS = DAY_MS;
/** Kept as the cancelled reason of a superseded nudge: planning treats it as delivered. */
export const SUPERSEDED = 'superseded by a newer reminder';

/** What to do with a due nudge, given how late it is. */
export type CatchUp =
  | { action: 'send' }
  /** Send it, worded as another kind (the late thank-you as a keep-in-touch note). */
  | { action: 'send_as'; kind: NudgeKind }
  /** Do not send: a newer nudge of the same contact says the same. */
  | { action: 'supersede' }
  /** Not now: at its next slot. */
  | { action: 'wait'; until: Date };

const WEEKLY: readonly NudgeKind[] = ['weekly_pipeline', 'reflect'];

/** The verdict for `nudge` at `now`; on time, every nudge is simply sent. */
export function catchUp(
  nudge: Pick<NudgeRecord, 'kind' | 'dueAt' | 'payload'>,
  config: NudgeConfig,
  now: Date,
): CatchUp {
  const late = now.getTime() - nudge.dueAt.getTime();
  if (nudge.kind === 'follow_up' && nudge.payload.final !== true && late >= config.followUpDays * DAY_MS) {
    // The next follow-up came due meanwhile: it is the one to send.
    return { action: 'supersede' };
  }
  if (nudge.kind === 'thank_you' && late > THANK_YOU_LATE_MS) {
    return nudge.payload.n === 1 ? { action: 'send_as', kind: 'keep_in_touch' } : { action: 'supersede' };
  }
  if (WEEKLY.includes(nudge.kind) && late > WEEKLY_LATE_MS) {
    const weeks = Math.ceil(late / (7 * DAY_MS));
    return { action: 'wait', until: new Date(nudge.dueAt.getTime() + weeks * 7 * DAY_MS) };
  }
  return { action: 'send' };
}

/** True for a nudge settled as superseded: for planning, as good as delivered. */
export const wasSuperseded = (nudge: Pick<NudgeRecord, 'status' | 'lastError'>): boolean =>
  nudge.status === 'cancelled' && nudge.lastError === SUPERSEDED;
