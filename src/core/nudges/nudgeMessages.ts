/**
 * The direct message each nudge becomes: short, warm, one clear next step, and the buttons Done,
 * Snooze 2 days, Snooze 1 week and Show contact. What each kind says is studentNudges.ts's (the
 * student's coaching) and programMessages.ts's (the program's introductions and reminders).
 */
import { PREP_CHECKLIST } from '../coaching/prepChecklist.js';
import type { NudgeKind } from '../domain.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { Action, Block, Reply } from '../reply.js';
import type { NudgeRecord } from './nudgePorts.js';
import { matchIntro, mentorReminder, welcome } from './programMessages.js';
import { type NudgeBody, type NudgeFacts, STUDENT_NUDGE_BODIES } from './studentNudges.js';

export type { NudgeFacts };

/** Short human names of the nudge kinds. */
export const NUDGE_LABELS: Record<NudgeKind, string> = {
  follow_up: 'Follow-up reminder',
  prepare: 'Get ready for your conversation',
  thank_you: 'Thank-you reminder',
  debrief: 'Write down what you learned',
  keep_in_touch: 'Keep in touch',
  second_conversation: 'A second conversation',
  weekly_pipeline: 'Weekly pipeline check',
  reflect: 'Time to reflect',
  thank_referrer: 'Thank your referrer',
  mentor_logged: 'Meeting logged by your mentor',
  match_intro: 'Meet your match',
  welcome: 'Welcome to Rapport',
  mentor_reminder: 'Your students',
};

const BODIES: Record<NudgeKind, NudgeBody> = {
  ...STUDENT_NUDGE_BODIES,
  match_intro: matchIntro,
  welcome,
  mentor_reminder: mentorReminder,
};

/** The answers a reminder asks for, as buttons: a rating on the debrief, a decision on the reflection. */
function answerActions(nudge: NudgeRecord, contact: Contact | null): Action[] {
  if (nudge.kind === 'debrief' && contact) {
    return [
      { id: 'nudge_outcome_useful', label: 'It was useful', value: nudge.id },
      { id: 'nudge_outcome_somewhat', label: 'Somewhat useful', value: nudge.id },
      { id: 'nudge_outcome_not', label: 'Not useful', value: nudge.id },
    ];
  }
  if (nudge.kind === 'reflect') {
    return [
      { id: 'nudge_decide_keep', label: 'Keep exploring', value: nudge.id },
      { id: 'nudge_decide_focus', label: 'Focus on this field', value: nudge.id },
      { id: 'nudge_decide_change', label: 'Change direction', value: nudge.id },
    ];
  }
  return [];
}

/**
 * The answers the reminder asks for (a rating on the debrief, a decision on the reflection),
 * Done, the two snoozes, and Show contact when the nudge is about a contact.
 */
export function nudgeActions(nudge: NudgeRecord, contact: Contact | null): Action[] {
  const actions: Action[] = [
    ...answerActions(nudge, contact),
    { id: 'nudge_done', label: 'Done', value: nudge.id, style: 'primary' },
    { id: 'nudge_snooze_2d', label: 'Snooze 2 days', value: nudge.id },
    { id: 'nudge_snooze_1w', label: 'Snooze 1 week', value: nudge.id },
  ];
  if (contact) actions.push({ id: 'contact_show', label: 'Show contact', value: contact.id });
  return actions;
}

/** The direct message for a nudge, with its buttons. */
export function renderNudge(nudge: NudgeRecord, facts: NudgeFacts): Reply {
  const blocks: Block[] = [
    { type: 'header', text: NUDGE_LABELS[nudge.kind] },
    { type: 'text', lines: BODIES[nudge.kind](nudge, facts) },
  ];
  if (nudge.kind === 'prepare') {
    blocks.push({ type: 'list', title: 'Before you go', items: PREP_CHECKLIST.map((item) => [item]) });
  }
  blocks.push({ type: 'actions', actions: nudgeActions(nudge, facts.contact) });
  return { blocks, visibility: 'private' };
}
