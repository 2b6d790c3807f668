/**
 * The nudges one contact should have pending, from its stage, its meeting and what was already
 * sent. The repository makes the stored pending set equal to this list, so planning is idempotent:
 * the same state gives the same keys, and a key already sent never comes back.
 */
import type { NudgeKind, Stage } from '../domain.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { MS_PER_HOUR, MS_PER_MINUTE, plusLocalDays } from './localTime.js';
import type { NudgeConfig } from './nudgeConfig.js';
import { nudgeKeys } from './nudgeKeys.js';
import type { PlannedNudge } from './nudgePorts.js';
import {
  latestAllowedBefore,
  nextAllowedTime,
  nextWindowStart,
  normalizeWakingHours,
  type WakingHours,
} from './wakingHours.js';

/** A nudge already delivered. */
export interface SentNudge {
  dedupeKey: string;
  kind: NudgeKind;
  sentAt: Date;
}

/** Everything the contact rules look at. */
export interface ContactNudgeState {
  contact: Contact;
  /** The contact's latest meeting that is not cancelled. */
  meeting: Meeting | null;
  /** This contact's nudges already sent. */
  sent: readonly SentNudge[];
  /** The contact who referred this one, if any. */
  referrer: Contact | null;
}

interface Planning {
  state: ContactNudgeState;
  hours: WakingHours;
  config: NudgeConfig;
  now: Date;
}

type Planner = (p: Planning) => PlannedNudge[];

const later = (a: Date, b: Date): Date => (a >= b ? a : b);
const earlier = (a: Date, b: Date): Date => (a <= b ? a : b);

function nudge(
  p: Planning,
  kind: NudgeKind,
  dedupeKey: string,
  expectedStage: Stage | null,
  dueAt: Date,
  payload?: Record<string, unknown>,
): PlannedNudge {
  const { contact } = p.state;
  return {
    kind,
    dedupeKey,
    personId: contact.ownerId,
    contactId: contact.id,
    expectedStage,
    dueAt,
    ...(payload ? { payload } : {}),
  };
}

/**
 * When to deliver a nudge ideally due at `ideal`: never before `floor` (a nudge overdue while the
 * bot was down goes out now, not in the past), and inside waking hours.
 */
const deliverAt = (p: Planning, ideal: Date, floor: Date = p.now): Date =>
  nextAllowedTime(later(ideal, floor), p.hours);

const activeMeeting = (p: Planning): Meeting | null =>
  p.state.meeting && p.state.meeting.cancelledAt === null ? p.state.meeting : null;

/** The meeting a post-meeting nudge refers to: its id and end, or the move to the stage. */
function meetingAnchor(p: Planning): { ref: string; start: Date; end: Date } {
  const meeting = activeMeeting(p);
  if (meeting) {
    const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * MS_PER_MINUTE);
    return { ref: meeting.id, start: meeting.startsAt, end };
  }
  const { stageChangedAt } = p.state.contact;
  return { ref: String(stageChangedAt.getTime()), start: stageChangedAt, end: stageChangedAt };
}

/** The first thank-you reminder; the debrief and the referrer's thanks go with it. */
const firstThankYouDue = (p: Planning): Date =>
  deliverAt(p, new Date(meetingAnchor(p).end.getTime() + p.config.thankYouHoursAfter * MS_PER_HOUR));

/**
 * Follow-ups after an outreach with no reply: the k-th one not yet sent is due k periods after the
 * later of the last activity and the last follow-up sent. Overdue ones keep their spacing from now.
 */
const followUps: Planner = (p) => {
  const { contact } = p.state;
  const { followUpDays, maxFollowUps } = p.config;
  const keys = Array.from({ length: maxFollowUps }, (_, i) =>
    nudgeKeys.followUp(contact.id, contact.stageChangedAt, i + 1),
  );
  const sentThisRound = p.state.sent.filter((s) => keys.includes(s.dedupeKey));
  const sentKeys = new Set(sentThisRound.map((s) => s.dedupeKey));
  const anchor = sentThisRound.reduce((latest, s) => later(latest, s.sentAt), contact.lastActivityAt);
  const planned: PlannedNudge[] = [];
  let k = 0;
  keys.forEach((key, i) => {
    if (sentKeys.has(key)) return;
    k += 1;
    const n = i + 1;
    const ideal = plusLocalDays(anchor, followUpDays * k, p.hours.timezone);
    const floor = plusLocalDays(p.now, followUpDays * (k - 1), p.hours.timezone);
    planned.push(
      nudge(p, 'follow_up', key, 'reached_out', deliverAt(p, ideal, floor), { n, final: n === maxFollowUps }),
    );
  });
  return planned;
};

/**
 * Preparation before a meeting, `prepHoursBefore` ahead. Quiet hours push it later, but never past
 * one hour before the start: then it moves back to the last waking minute before that. It is not
 * planned when that moment had already passed when the meeting was scheduled (the `scheduled`
 * reply showed the checklist) nor within the last hour before the start.
 */
const prepare: Planner = (p) => {
  const meeting = activeMeeting(p);
  if (!meeting) return [];
  const start = meeting.startsAt;
  const lastUseful = new Date(start.getTime() - MS_PER_HOUR);
  if (p.now >= lastUseful) return [];
  const ideal = new Date(start.getTime() - p.config.prepHoursBefore * MS_PER_HOUR);
  let due: Date | null = nextAllowedTime(ideal, p.hours);
  if (due > lastUseful) due = latestAllowedBefore(lastUseful, p.hours);
  const scheduledAt = earlier(p.now, later(meeting.createdAt, p.state.contact.stageChangedAt));
  if (due === null || due < scheduledAt) return [];
  if (due < p.now) {
    // Planned in time but missed (the bot was down): deliver as soon as waking hours allow.
    due = nextAllowedTime(p.now, p.hours);
    if (due > lastUseful) return [];
  }
  return [
    nudge(p, 'prepare', nudgeKeys.prepare(p.state.contact.id, start), 'scheduled', due, {
      meetingId: meeting.id,
    }),
  ];
};

/** Thank-you reminders: after the meeting, then once more the next morning. */
const thankYous: Planner = (p) => {
  const { contact } = p.state;
  const { ref } = meetingAnchor(p);
  const firstKey = nudgeKeys.thankYou(contact.id, ref, 1);
  const first = firstThankYouDue(p);
  const firstSentAt = p.state.sent.find((s) => s.dedupeKey === firstKey)?.sentAt;
  const second = deliverAt(p, nextWindowStart(firstSentAt ?? first, p.hours));
  return [
    nudge(p, 'thank_you', firstKey, 'met', first, { n: 1 }),
    nudge(p, 'thank_you', nudgeKeys.thankYou(contact.id, ref, 2), 'met', second, { n: 2 }),
  ];
};

/** Writing down what was learned and who to talk to next, with the first thank-you. */
const debrief: Planner = (p) => [
  nudge(
    p,
    'debrief',
    nudgeKeys.debrief(p.state.contact.id, meetingAnchor(p).ref),
    'met',
    firstThankYouDue(p),
  ),
];

/**
 * Thanking whoever made the introduction, with the first thank-you. It has no expected stage:
 * thanking the contact does not make it obsolete, so it stays planned after the meeting.
 */
const thankReferrer: Planner = (p) => {
  const { referrer, contact } = p.state;
  if (!referrer) return [];
  return [
    nudge(p, 'thank_referrer', nudgeKeys.thankReferrer(contact.id), null, firstThankYouDue(p), {
      referrerName: referrer.name,
      referrerId: referrer.id,
    }),
  ];
};

/** Telling them how their advice worked out, some weeks after the thank-you. */
const keepInTouch: Planner = (p) => {
  const { contact } = p.state;
  const ideal = plusLocalDays(contact.stageChangedAt, p.config.keepInTouchDays, p.hours.timezone);
  return [
    nudge(
      p,
      'keep_in_touch',
      nudgeKeys.keepInTouch(contact.id, contact.stageChangedAt),
      'thanked',
      deliverAt(p, ideal),
    ),
  ];
};

/** Asking for another conversation a few months after the meeting (now, when that is past). */
const secondConversation: Planner = (p) => {
  const { ref, start } = meetingAnchor(p);
  const ideal = plusLocalDays(start, p.config.secondConversationDays, p.hours.timezone);
  return [
    nudge(
      p,
      'second_conversation',
      nudgeKeys.secondConversation(p.state.contact.id, ref),
      'keeping_in_touch',
      deliverAt(p, ideal),
    ),
  ];
};

const PLANNERS: Record<Stage, readonly Planner[]> = {
  identified: [],
  reached_out: [followUps],
  scheduled: [prepare],
  met: [thankYous, debrief, thankReferrer],
  thanked: [keepInTouch, thankReferrer],
  keeping_in_touch: [secondConversation, thankReferrer],
  no_reply: [],
  declined: [],
  archived: [],
};

/**
 * The full set of nudges that should be pending for a contact at `now`, given its state. Every
 * due time falls inside waking hours; keys in `state.sent` are never returned.
 */
export function planContactNudges(
  state: ContactNudgeState,
  hours: WakingHours,
  config: NudgeConfig,
  now: Date,
): PlannedNudge[] {
  const p: Planning = { state, hours: normalizeWakingHours(hours), config, now };
  const sent = new Set(state.sent.map((s) => s.dedupeKey));
  return PLANNERS[state.contact.stage].flatMap((plan) => plan(p)).filter((n) => !sent.has(n.dedupeKey));
}
