/** How contacts read: one line in a list, and the full card of `show`. */
import { MODE_LABELS, PIPELINE, SIDE_EXITS, SOURCE_LABELS, STAGE_LABELS, type Stage } from '../domain.js';
import { NUDGE_LABELS } from '../nudges/nudgeMessages.js';
import type { NudgeRecord } from '../nudges/nudgePorts.js';
import type { Contact, Question, TimelineEvent } from '../pipeline/contactPorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { nextStage, nextStepHint, stageRank } from '../pipeline/stageMachine.js';
import type { Action, Block, Line, Reply } from '../reply.js';
import { strong, user } from '../reply.js';
import { formatDate, formatDateTime } from './format.js';

/** "#3 Jane Doe, UX Researcher at Figma" with every typed part as user text. */
export function contactLabel(contact: Contact): Line {
  const line: Line = [`#${contact.number} `, user(contact.name)];
  if (contact.title && contact.company) line.push(', ', user(contact.title), ' at ', user(contact.company));
  else if (contact.title) line.push(', ', user(contact.title));
  else if (contact.company) line.push(' at ', user(contact.company));
  return line;
}

/** The pipeline grouped by stage, each contact with its next step. */
export function pipelineBlocks(contacts: Contact[], only?: Stage): Block[] {
  const stages = only ? [only] : [...PIPELINE, ...SIDE_EXITS];
  const blocks: Block[] = [];
  for (const stage of stages) {
    const inStage = contacts.filter((c) => c.stage === stage).sort((a, b) => a.number - b.number);
    if (!inStage.length) continue;
    blocks.push({
      type: 'list',
      title: `${STAGE_LABELS[stage]} (${inStage.length})`,
      items: inStage.map((c) => [...contactLabel(c), ' — ', ...nextStepHint(c.stage, c.number)]),
    });
  }
  return blocks;
}

function timelineLine(event: TimelineEvent, names: Map<string, string>, timezone: string): Line {
  const when = `${formatDate(event.occurredAt, timezone)}: `;
  const author = event.authorId && names.has(event.authorId) ? names.get(event.authorId) : null;
  const body: Line = event.body ? [' — ', user(event.body)] : [];
  switch (event.kind) {
    case 'created':
      return [when, 'added to your list', ...body];
    case 'stage':
      return [when, 'moved to ', strong(STAGE_LABELS[event.toStage ?? 'identified']), ...body];
    case 'interaction':
      return [when, event.toStage === 'reached_out' ? 'followed up' : 'interaction logged', ...body];
    case 'note':
      return [when, 'note', ...body];
    case 'question':
      return [when, 'question prepared', ...body];
    case 'referral':
      return [when, 'referred you to someone', ...body];
    case 'meeting':
      return [when, 'meeting', ...body];
    case 'snooze':
      return [when, 'reminders snoozed', ...body];
    case 'mentor_log':
      return [when, 'meeting logged by ', author ? user(author) : 'a mentor', ...body];
  }
}

export interface CardFacts {
  contact: Contact;
  meeting: Meeting | null;
  timeline: TimelineEvent[];
  questions: Question[];
  nudges: NudgeRecord[];
  referrer: Contact | null;
  timezone: string;
  /** Display names of people who wrote on the timeline (mentors). */
  authorNames?: Map<string, string>;
}

/** The contact card: details, stage, dated timeline, questions, pending nudges, and buttons. */
export function contactCard(f: CardFacts): Reply {
  const c = f.contact;
  const fields: { label: string; value: Line }[] = [{ label: 'Stage', value: [STAGE_LABELS[c.stage]] }];
  if (c.company) fields.push({ label: 'Organization', value: [user(c.company)] });
  if (c.title) fields.push({ label: 'Role', value: [user(c.title)] });
  if (c.field) fields.push({ label: 'Field', value: [user(c.field)] });
  if (c.source) {
    const value: Line = [SOURCE_LABELS[c.source]];
    if (f.referrer) value.push(' (from ', ...contactLabel(f.referrer), ')');
    fields.push({ label: 'Source', value });
  }
  if (c.email) fields.push({ label: 'Email', value: [user(c.email)] });
  if (c.profileUrl) fields.push({ label: 'Profile', value: [user(c.profileUrl)] });
  if (f.meeting) {
    const m = f.meeting;
    const value: Line = [`${formatDateTime(m.startsAt, f.timezone)}, ${m.durationMinutes} min`];
    if (m.mode) value.push(`, ${MODE_LABELS[m.mode]}`);
    fields.push({ label: m.heldAt || m.loggedByMentor ? 'Met' : 'Meeting', value });
  }

  const blocks: Block[] = [
    { type: 'header', text: `#${c.number}` },
    { type: 'text', lines: [[strong(c.name)]] },
    { type: 'fields', fields },
    { type: 'context', lines: [['Next: ', ...nextStepHint(c.stage, c.number)]] },
  ];
  const names = f.authorNames ?? new Map<string, string>();
  if (f.timeline.length) {
    const recent = f.timeline.slice(-15);
    blocks.push({
      type: 'list',
      title:
        f.timeline.length > recent.length
          ? `Timeline (latest ${recent.length} of ${f.timeline.length})`
          : 'Timeline',
      items: recent.map((e) => timelineLine(e, names, f.timezone)),
    });
  }
  if (f.questions.length) {
    blocks.push({
      type: 'list',
      title: `Questions (${f.questions.length})`,
      items: f.questions.map((q, i) => [`${i + 1}. `, user(q.text)]),
    });
  }
  const pending = f.nudges.filter((n) => n.status === 'pending');
  if (pending.length) {
    blocks.push({
      type: 'list',
      title: 'Reminders',
      items: pending.map((n) => [`${NUDGE_LABELS[n.kind]}: ${formatDateTime(n.dueAt, f.timezone)}`]),
    });
  }
  const actions: Action[] = [];
  const next = nextStage(c.stage);
  if (next && next !== 'scheduled') {
    actions.push({
      id: 'contact_advance',
      label: `Mark ${STAGE_LABELS[next].toLowerCase()}`,
      value: c.id,
      style: 'primary',
    });
  }
  if (pending.length) actions.push({ id: 'contact_snooze', label: 'Snooze 2 days', value: c.id });
  actions.push({ id: 'contact_note', label: 'Add note', value: c.id });
  blocks.push({ type: 'actions', actions });
  return { blocks };
}

export function sortByStage(contacts: Contact[]): Contact[] {
  return [...contacts].sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || a.number - b.number);
}
