/**
 * The last check before a nudge goes out: a nudge is never delivered once it is obsolete. Planning
 * cancels most stale nudges already; this catches what changed between planning and delivery.
 */

import type { Person } from '../people/peoplePorts.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { NudgeConfig } from './nudgeConfig.js';
import { keyAnchorEpoch } from './nudgeKeys.js';
import type { NudgeRecord } from './nudgePorts.js';
import { actsAsStudent, type PersonNudgeState, pipelineNeedsAttention } from './personNudges.js';

/** Why a nudge is no longer worth sending. */
export const OBSOLETE_REASONS = [
  'person_gone',
  'not_a_student',
  'not_a_mentor',
  'contact_gone',
  'contact_archived',
  'contact_declined',
  'stage_changed',
  'meeting_started',
  'pipeline_on_track',
] as const;
/** One of OBSOLETE_REASONS; logged when a nudge is skipped. */
export type ObsoleteReason = (typeof OBSOLETE_REASONS)[number];

/** What relevance is judged against, read fresh at delivery time. */
export interface RelevanceFacts {
  contact: Contact | null;
  person: Person | null;
  /** Needed for the weekly pipeline nudge; without it that nudge is sent. */
  personState?: PersonNudgeState;
}

/** The verdict of isStillRelevant. */
export type Relevance = { relevant: true } | { relevant: false; reason: ObsoleteReason };

const obsolete = (reason: ObsoleteReason): Relevance => ({ relevant: false, reason });

/** The contact stages after a meeting, where thanking the referrer still makes sense. */
const AFTER_MEETING = ['met', 'thanked', 'keeping_in_touch'];

function contactRelevance(nudge: NudgeRecord, contact: Contact | null, now: Date): Relevance {
  if (!contact || contact.id !== nudge.contactId) return obsolete('contact_gone');
  if (contact.stage === 'archived') return obsolete('contact_archived');
  if (contact.stage === 'declined') return obsolete('contact_declined');
  if (nudge.expectedStage !== null && contact.stage !== nudge.expectedStage) return obsolete('stage_changed');
  if (nudge.kind === 'thank_referrer' && !AFTER_MEETING.includes(contact.stage))
    return obsolete('stage_changed');
  const anchor = keyAnchorEpoch(nudge.dedupeKey);
  if (anchor !== null) {
    if (nudge.kind === 'prepare' && now.getTime() >= anchor) return obsolete('meeting_started');
    // Left the stage and came back: this nudge belongs to the earlier round.
    if (nudge.kind !== 'prepare' && contact.stageChangedAt.getTime() !== anchor)
      return obsolete('stage_changed');
  }
  return { relevant: true };
}

/**
 * Whether `nudge` is still worth delivering at `now`. It is obsolete when its person is gone, when
 * its contact is gone, archived or declined, when the contact's stage is not the one the nudge
 * expects (or the contact re-entered it since), when the meeting it prepares has started, and, for
 * the weekly pipeline nudge, when the list is full and active. Person-wide reminders go to students
 * only; a `mentor_logged` notice stays relevant as long as its person exists; a mentor's reminder
 * as long as they are a mentor.
 */
export function isStillRelevant(
  nudge: NudgeRecord,
  facts: RelevanceFacts,
  config: NudgeConfig,
  now: Date,
): Relevance {
  const { person } = facts;
  if (!person || person.id !== nudge.personId) return obsolete('person_gone');
  // A notice, not a reminder: it stays worth reading whatever happened to the contact since.
  if (nudge.kind === 'mentor_logged' || nudge.kind === 'match_intro' || nudge.kind === 'welcome')
    return { relevant: true };
  if (nudge.kind === 'mentor_reminder')
    return person.role === 'mentor' ? { relevant: true } : obsolete('not_a_mentor');
  if (nudge.contactId !== null) return contactRelevance(nudge, facts.contact, now);
  if (!actsAsStudent(person)) return obsolete('not_a_student');
  if (nudge.kind === 'weekly_pipeline' && facts.personState) {
    if (!pipelineNeedsAttention(facts.personState.contacts, config, now))
      return obsolete('pipeline_on_track');
  }
  return { relevant: true };
}
