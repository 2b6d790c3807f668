/**
 * The stage machine. A contact may move to any stage (students correct mistakes); what the
 * machine decides is the natural next stage, what a move means for the timeline and the nudge
 * clock, and the next step to suggest.
 */
import { OPEN_STAGES, PIPELINE, STAGE_LABELS, type Stage } from '../domain.js';
import type { Line } from '../reply.js';
import { code } from '../reply.js';

/** The next stage on the main path, or null at its end and on side exits. */
export function nextStage(stage: Stage): Stage | null {
  const i = PIPELINE.indexOf(stage);
  if (i < 0 || i === PIPELINE.length - 1) return null;
  return PIPELINE[i + 1] ?? null;
}

export function isOpen(stage: Stage): boolean {
  return OPEN_STAGES.includes(stage);
}

/** Where a stage sits for sorting: the main path in order, then the side exits. */
export function stageRank(stage: Stage): number {
  const i = PIPELINE.indexOf(stage);
  return i >= 0 ? i : PIPELINE.length + ['no_reply', 'declined', 'archived'].indexOf(stage);
}

export type MoveKind = 'same' | 'forward' | 'back' | 'exit' | 'reopen';

/** How a move reads: used for the timeline wording and to decide what to tell the student. */
export function classifyMove(from: Stage, to: Stage): MoveKind {
  if (from === to) return 'same';
  if (!isOpen(to)) return 'exit';
  if (!isOpen(from)) return 'reopen';
  return PIPELINE.indexOf(to) > PIPELINE.indexOf(from) ? 'forward' : 'back';
}

/** The command that moves a contact into a stage, for hints and buttons. */
export const STAGE_COMMAND: Partial<Record<Stage, string>> = {
  reached_out: 'reached',
  scheduled: 'scheduled',
  met: 'met',
  thanked: 'thanked',
  declined: 'decline',
  archived: 'archive',
};

/** The suggested next step for a contact, in a few words with the command to type. */
export function nextStepHint(stage: Stage, number: number): Line {
  const ref = `#${number}`;
  switch (stage) {
    case 'identified':
      return ['Reach out: ', code(`draft outreach ${ref}`), ', then ', code(`reached ${ref}`)];
    case 'reached_out':
      return ['Wait for a reply; once you agree on a time, ', code(`scheduled ${ref} <when>`)];
    case 'scheduled':
      return ['Prepare 3 to 5 open questions: ', code(`questions ${ref}`)];
    case 'met':
      return ['Send a thank-you today: ', code(`draft thanks ${ref}`), ', then ', code(`thanked ${ref}`)];
    case 'thanked':
      return ['Let them know later how their advice worked out'];
    case 'keeping_in_touch':
      return ['In a few months, ask for a second conversation'];
    case 'no_reply':
      return ['No answer: try someone else on your list'];
    case 'declined':
      return ['They said no; thank them and move on'];
    case 'archived':
      return ['Archived'];
  }
}

export function stageLabel(stage: Stage): string {
  return STAGE_LABELS[stage];
}
