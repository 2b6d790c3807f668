/**
 * The digest's lists of people: students who stalled, students with an empty list, mentors and
 * the meetings they logged, and professionals several students contacted. Names and counts only.
 */
import { OPEN_STAGES, STAGES, type Stage } from '../domain.js';
import { foldName } from '../grammar/contactRef.js';
import type { DigestFacts, DigestPerson } from './digestFacts.js';
import { inPeriod, type Period } from './digestSchedule.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A student with open contacts and nothing logged for this long is stalled. */
export const STALLED_AFTER_DAYS = 14;
/** A professional contacted by this many students (or more) within the window is listed. */
export const POPULAR_MIN_STUDENTS = 3;
/** The window for professionals contacted by several students. */
export const POPULAR_WINDOW_DAYS = 30;
/** Entries that mean a student got in touch with the professional. */
const CONTACTED_STAGES: readonly Stage[] = ['reached_out', 'scheduled', 'met', 'thanked', 'keeping_in_touch'];

export interface StageCount {
  stage: Stage;
  count: number;
}

export interface StalledStudent {
  id: string;
  name: string;
  openContacts: number;
  lastActivityAt: Date;
}

export interface MentorMeetings {
  id: string;
  name: string;
  meetings: number;
  previous: number;
}

export interface PopularProfessional {
  name: string;
  organization: string | null;
  students: number;
}

/** Students' contacts by stage, right now: every stage, in pipeline order, side exits last. */
export function funnelByStage(facts: DigestFacts, students: ReadonlyMap<string, DigestPerson>): StageCount[] {
  const counts = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (const c of facts.contacts) {
    if (students.has(c.ownerId)) counts.set(c.stage, (counts.get(c.stage) ?? 0) + 1);
  }
  return STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}

/**
 * Students with at least one open contact whose latest activity on any contact is 14 days or
 * more before `at`; the longest silent first.
 */
export function stalledStudents(
  facts: DigestFacts,
  students: ReadonlyMap<string, DigestPerson>,
  at: Date,
): StalledStudent[] {
  const byOwner = new Map<string, { open: number; last: number }>();
  for (const c of facts.contacts) {
    if (!students.has(c.ownerId)) continue;
    const seen = byOwner.get(c.ownerId) ?? { open: 0, last: 0 };
    if (OPEN_STAGES.includes(c.stage)) seen.open += 1;
    seen.last = Math.max(seen.last, c.lastActivityAt.getTime());
    byOwner.set(c.ownerId, seen);
  }
  const cutoff = at.getTime() - STALLED_AFTER_DAYS * DAY_MS;
  const stalled: StalledStudent[] = [];
  for (const [id, { open, last }] of byOwner) {
    const person = students.get(id);
    if (!person || open === 0 || last > cutoff) continue;
    stalled.push({ id, name: person.displayName, openContacts: open, lastActivityAt: new Date(last) });
  }
  return stalled.sort(
    (a, b) => a.lastActivityAt.getTime() - b.lastActivityAt.getTime() || a.name.localeCompare(b.name),
  );
}

/** Students (by role) with no contact at all, by name. */
export function studentsWithoutContacts(facts: DigestFacts): DigestPerson[] {
  const owners = new Set(facts.contacts.map((c) => c.ownerId));
  return facts.persons
    .filter((p) => p.role === 'student' && !owners.has(p.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Meetings each mentor logged (held, mentor-logged) this week and the week before; most first. */
export function mentorMeetings(facts: DigestFacts, current: Period, previous: Period): MentorMeetings[] {
  const names = new Map(facts.persons.map((p) => [p.id, p.displayName]));
  const byMentor = new Map<string, MentorMeetings>();
  for (const m of facts.meetings) {
    if (!m.loggedByMentor || !m.mentorId || m.heldAt === null) continue;
    const name = names.get(m.mentorId);
    if (name === undefined) continue;
    const row = byMentor.get(m.mentorId) ?? { id: m.mentorId, name, meetings: 0, previous: 0 };
    if (inPeriod(m.startsAt, current)) row.meetings += 1;
    else if (inPeriod(m.startsAt, previous)) row.previous += 1;
    else continue;
    byMentor.set(m.mentorId, row);
  }
  return [...byMentor.values()].sort(
    (a, b) => b.meetings - a.meetings || b.previous - a.previous || a.name.localeCompare(b.name),
  );
}

/** Case, accents, punctuation and spacing do not make two people different. */
export function professionalKey(name: string, company: string | null): string {
  const norm = (text: string) =>
    foldName(text)
      .replace(/[^\p{L}\p{N} ]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  return `${norm(name)}|${norm(company ?? '')}`;
}

/**
 * Professionals (same normalised name and organization) that 3 or more different students got in
 * touch with within `window`: only their name and organization, never who contacted them.
 */
export function popularProfessionals(
  facts: DigestFacts,
  students: ReadonlyMap<string, DigestPerson>,
  window: Period,
): PopularProfessional[] {
  const contactById = new Map(facts.contacts.map((c) => [c.id, c]));
  const contacted = new Set<string>();
  for (const e of facts.events) {
    if (
      e.toStage &&
      CONTACTED_STAGES.includes(e.toStage) &&
      inPeriod(e.occurredAt, window) &&
      students.has(e.ownerId)
    ) {
      contacted.add(e.contactId);
    }
  }
  const groups = new Map<
    string,
    { owners: Set<string>; spellings: Map<string, { name: string; company: string | null; n: number }> }
  >();
  for (const id of contacted) {
    const c = contactById.get(id);
    if (!c) continue;
    const key = professionalKey(c.name, c.company);
    const group = groups.get(key) ?? { owners: new Set<string>(), spellings: new Map() };
    group.owners.add(c.ownerId);
    const spelling = `${c.name}\u0000${c.company ?? ''}`;
    const seen = group.spellings.get(spelling) ?? { name: c.name, company: c.company, n: 0 };
    seen.n += 1;
    group.spellings.set(spelling, seen);
    groups.set(key, group);
  }
  const popular: PopularProfessional[] = [];
  for (const { owners, spellings } of groups.values()) {
    if (owners.size < POPULAR_MIN_STUDENTS) continue;
    // The spelling most students used; ties go to the alphabetically first.
    const [best] = [...spellings.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
    if (!best) continue;
    popular.push({ name: best.name, organization: best.company, students: owners.size });
  }
  return popular.sort((a, b) => b.students - a.students || a.name.localeCompare(b.name));
}
