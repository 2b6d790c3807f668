/**
 * The digest's optional CSV file (`digest csv on`): one row per student for the digest's week.
 * Like the rest of the digest it holds counts, dates and students' names only: never an email
 * address, a profile link, note text, a contact's name or details, nor anyone's role. The week's
 * counts are the digest's own (`weekFigures` over each student's rows), so the rows add up to the
 * figures in the text.
 */
import { groupBy } from '../collections.js';
import { STAGES, type Stage } from '../domain.js';
import { localDateOf } from '../nudges/localTime.js';
import type { FileAttachment } from '../reply.js';
import { spreadsheetCsv } from '../views/spreadsheet.js';
import type { DigestFacts } from './digestFacts.js';
import type { DigestFigures } from './digestFigures.js';
import { type MeetingCounts, meetingMoments, studentsOf, weekFigures } from './weekFigures.js';

export interface DigestCsvRow {
  studentId: string;
  student: string;
  /** Contacts on the student's list today, and by stage. */
  contacts: number;
  byStage: Record<Stage, number>;
  /** The digest's week: outreach, meetings held and thank-yous, as the digest counts them. */
  outreachSent: number;
  meetings: MeetingCounts;
  thankYousSent: number;
  /** In the digest's stalled list. */
  stalled: boolean;
  /** The latest activity on any of the student's contacts; null without contacts. */
  lastActivityAt: Date | null;
}

/** The header of the file, in order. */
export const DIGEST_CSV_COLUMNS: readonly string[] = [
  'student',
  'contacts',
  ...STAGES,
  'outreach_sent',
  'meetings_held',
  'meetings_logged_by_student',
  'meetings_logged_by_mentor',
  'meetings_confirmed_by_both',
  'thank_yous_sent',
  'stalled',
  'last_activity',
];

/**
 * One row per student the figures were computed from (`figures.studentIds`), by name; `facts`
 * must be the rows `figures` came from.
 */
export function digestCsvRows(facts: DigestFacts, figures: DigestFigures): DigestCsvRow[] {
  const students = studentsOf(facts);
  const moments = meetingMoments(facts.events, facts.meetings);
  const contactsOf = groupBy(facts.contacts, (c) => c.ownerId);
  const eventsOf = groupBy(facts.events, (e) => e.ownerId);
  const meetingsOf = groupBy(facts.meetings, (m) => m.studentId);
  const stalled = new Set(figures.stalled.map((s) => s.id));
  const rows: DigestCsvRow[] = [];
  for (const [id, person] of students) {
    const contacts = contactsOf.get(id) ?? [];
    // The digest's own week figures, over this one student's rows.
    const week = weekFigures(
      { persons: [person], contacts, events: eventsOf.get(id) ?? [], meetings: meetingsOf.get(id) ?? [] },
      new Map([[id, person]]),
      figures.current.period,
      moments,
    );
    const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
    let last: Date | null = null;
    for (const c of contacts) {
      byStage[c.stage] += 1;
      if (!last || c.lastActivityAt > last) last = c.lastActivityAt;
    }
    rows.push({
      studentId: id,
      student: person.displayName,
      contacts: contacts.length,
      byStage,
      outreachSent: week.outreachSent,
      meetings: week.meetings,
      thankYousSent: week.thankYous.sent,
      stalled: stalled.has(id),
      lastActivityAt: last,
    });
  }
  return rows.sort((a, b) => a.student.localeCompare(b.student) || a.studentId.localeCompare(b.studentId));
}

/** `2026-11-02`: the calendar date in the organization's zone. */
function isoDate(instant: Date, timezone: string): string {
  const { year, month, day } = localDateOf(instant, timezone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The rows as CSV text, with the header; dates in the organization's zone. */
export function digestCsv(rows: readonly DigestCsvRow[], timezone: string): string {
  return spreadsheetCsv(
    DIGEST_CSV_COLUMNS,
    rows.map((r) => ({
      student: r.student,
      contacts: r.contacts,
      ...Object.fromEntries(STAGES.map((s) => [s, r.byStage[s]])),
      outreach_sent: r.outreachSent,
      meetings_held: r.meetings.held,
      meetings_logged_by_student: r.meetings.studentLogged,
      meetings_logged_by_mentor: r.meetings.mentorLogged,
      meetings_confirmed_by_both: r.meetings.confirmedByBoth,
      thank_yous_sent: r.thankYousSent,
      stalled: r.stalled ? 'yes' : 'no',
      last_activity: r.lastActivityAt ? isoDate(r.lastActivityAt, timezone) : '',
    })),
  );
}

/** The file attached to the digest. */
export function digestCsvFile(rows: readonly DigestCsvRow[], figures: DigestFigures): FileAttachment {
  return {
    filename: `rapport-digest-${isoDate(figures.at, figures.timezone)}.csv`,
    contentType: 'text/csv',
    content: digestCsv(rows, figures.timezone),
    title: 'Weekly digest per student',
  };
}
