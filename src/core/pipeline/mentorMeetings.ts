/**
 * What a mentor's log of a meeting does to the student's record: the meeting (or the student's
 * own record of it, now confirmed by both), the contact that stands for the mentor moved to `met`,
 * the timeline entry, and re-planned nudges. The `log` command (commands/mentorCommands.ts) checks
 * and answers; this does.
 */
import type { Stage } from '../domain.js';
import { foldName } from '../grammar/contactRef.js';
import type { Person } from '../people/peoplePorts.js';
import { type ContactChangeRepos, changeStage } from './contactChanges.js';
import type { Contact } from './contactPorts.js';
import type { Meeting } from './meetingPorts.js';
import { type PlanningContext, replan, replanPerson } from './replan.js';

/** The length of a logged meeting when the mentor gives none, in minutes. */
const DEFAULT_MINUTES = 30;
const HOUR_MS = 60 * 60 * 1000;
/** A student's own record of the same conversation lies within this of the mentor's date. */
const SAME_MEETING_MS = 24 * HOUR_MS;
/** Stages a held meeting moves forward to `met`; later stages already record a conversation. */
const BEFORE_MET: readonly Stage[] = [
  'identified',
  'reached_out',
  'scheduled',
  'no_reply',
  'declined',
  'archived',
];

/** The student's contact that stands for this mentor: linked to the mentor, else named like them. */
function mentorContact(contacts: readonly Contact[], mentor: Person): Contact | undefined {
  const name = foldName(mentor.displayName);
  return (
    contacts.find((c) => c.personId === mentor.id) ??
    contacts.find((c) => c.personId === null && foldName(c.name) === name)
  );
}

/** What recording a mentor's meeting reaches: the meeting and timeline, then the change. */
export type MentorMeetingRepos = ContactChangeRepos | 'meetings' | 'timeline';

/**
 * Records a meeting the mentor (`ctx.person`) held with `student` on the student's side: a meeting
 * row (or the student's own record of the same conversation, now confirmed by both), the contact
 * moved to `met`, the timeline entry, and re-planned nudges. Returns the meeting.
 */
export async function recordMentorMeeting(
  ctx: PlanningContext<MentorMeetingRepos>,
  student: Person,
  meeting: { startsAt: Date; minutes: number | undefined; topics: string | undefined },
): Promise<Meeting> {
  const { repos, org, person: mentor } = ctx;
  const studentCtx: PlanningContext<MentorMeetingRepos> = { repos, person: student, org, now: ctx.now };
  const contact = mentorContact(await repos.contacts.listByOwner(student.id), mentor);
  const own = contact ? await repos.meetings.latestForContact(contact.id) : null;
  const sameMeeting =
    own &&
    !own.loggedByMentor &&
    Math.abs(own.startsAt.getTime() - meeting.startsAt.getTime()) <= SAME_MEETING_MS
      ? own
      : null;
  const saved = sameMeeting
    ? await repos.meetings.update(sameMeeting.id, {
        loggedByMentor: true,
        mentorId: mentor.id,
        durationMinutes: meeting.minutes ?? sameMeeting.durationMinutes,
        topics: meeting.topics ?? sameMeeting.topics,
        heldAt: sameMeeting.heldAt ?? meeting.startsAt,
      })
    : await repos.meetings.create({
        orgId: org.id,
        studentId: student.id,
        contactId: contact?.id ?? null,
        mentorId: mentor.id,
        startsAt: meeting.startsAt,
        durationMinutes: meeting.minutes ?? DEFAULT_MINUTES,
        mode: null,
        loggedByStudent: false,
        loggedByMentor: true,
        topics: meeting.topics ?? null,
        heldAt: meeting.startsAt,
      });
  if (!contact) {
    // No contact to move, but the count of meetings held (the reflect nudge) changed.
    await replanPerson(studentCtx);
    return saved;
  }
  await repos.timeline.add({
    orgId: org.id,
    contactId: contact.id,
    authorId: mentor.id,
    kind: 'mentor_log',
    fromStage: null,
    toStage: null,
    body: meeting.topics ?? null,
    occurredAt: saved.startsAt,
  });
  // A new conversation moves the contact to `met` (a second one after `thanked` asks for new
  // thanks); the mentor confirming one the student already recorded does not move it back.
  const moves = BEFORE_MET.includes(contact.stage) || (!sameMeeting && contact.stage !== 'met');
  if (moves) {
    // A meeting logged from before the contact's last change does not date the stage before it.
    const at = new Date(Math.max(saved.startsAt.getTime(), contact.stageChangedAt.getTime()));
    await changeStage(studentCtx, contact, { to: 'met', at, authorId: mentor.id });
  } else {
    const lastActivityAt = new Date(Math.max(contact.lastActivityAt.getTime(), saved.startsAt.getTime()));
    const updated = await repos.contacts.update(student.id, contact.id, { lastActivityAt });
    // The contact's nudges and the student's own reminders (meetings held) in one read.
    await replan(studentCtx, [updated], { person: true });
  }
  return saved;
}
