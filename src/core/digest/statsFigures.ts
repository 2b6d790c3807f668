/**
 * `stats [weeks]`: the activity of each of the last N weeks and how contacts moved down the
 * funnel over the whole stretch; `report`: one CSV row per student. Counts only.
 */
import { STAGES, type Stage } from '../domain.js';
import { plusLocalDays } from '../nudges/localTime.js';
import { spreadsheetCsv } from '../views/spreadsheet.js';
import type { DigestFacts } from './digestFacts.js';
import { inPeriod, type Period, weeksBefore } from './digestSchedule.js';
import { meetingMoments, studentsOf, type WeekFigures, weekFigures } from './weekFigures.js';

/** `stats` without a number. */
export const DEFAULT_STATS_WEEKS = 4;

/** The main path after `identified`, as the funnel's steps. */
export const FUNNEL_STEPS: readonly Stage[] = [
  'reached_out',
  'scheduled',
  'met',
  'thanked',
  'keeping_in_touch',
];

export interface FunnelStep {
  stage: Stage;
  /** Distinct contacts that entered this stage during the period. */
  contacts: number;
  /** `contacts` of this step over those of the step before; null for the first step or an empty one. */
  conversion: number | null;
}

export interface StatsFigures {
  period: Period;
  weeks: WeekFigures[];
  /** Contacts added during the period, then each step. */
  added: number;
  funnel: FunnelStep[];
  studentIds: string[];
}

/** Where the rows for `stats` over `weeks` must start (with room for old meetings' thank-yous). */
export function statsFactsSince(at: Date, timezone: string, weeks: number): Date {
  return plusLocalDays(at, -7 * weeks - 90, timezone);
}

export function computeStats(facts: DigestFacts, at: Date, timezone: string, weeks: number): StatsFigures {
  const students = studentsOf(facts);
  const moments = meetingMoments(facts.events, facts.meetings);
  const periods = weeksBefore(at, timezone, weeks);
  const period: Period = { from: periods[0]?.from ?? at, to: at };
  const events = facts.events.filter((e) => students.has(e.ownerId) && inPeriod(e.occurredAt, period));
  const added = new Set(events.filter((e) => e.kind === 'created').map((e) => e.contactId)).size;
  let before = added;
  const funnel: FunnelStep[] = FUNNEL_STEPS.map((stage) => {
    const contacts = new Set(
      events.filter((e) => e.kind === 'stage' && e.toStage === stage).map((e) => e.contactId),
    ).size;
    const step = { stage, contacts, conversion: before > 0 ? contacts / before : null };
    before = contacts;
    return step;
  });
  return {
    period,
    weeks: periods.map((p) => weekFigures(facts, students, p, moments)),
    added,
    funnel,
    studentIds: [...students.keys()].sort(),
  };
}

export interface ReportRow {
  studentId: string;
  student: string;
  contacts: number;
  byStage: Record<Stage, number>;
  meetingsHeld: number;
  meetingsMentorLogged: number;
  meetingsConfirmedByBoth: number;
  thankYous: number;
  lastActivityAt: Date | null;
}

/** One row per student, by name, from all of the organization's rows. */
export function reportRows(facts: DigestFacts): ReportRow[] {
  const students = studentsOf(facts);
  const rows = new Map<string, ReportRow>();
  for (const [id, p] of students) {
    rows.set(id, {
      studentId: id,
      student: p.displayName,
      contacts: 0,
      byStage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
      meetingsHeld: 0,
      meetingsMentorLogged: 0,
      meetingsConfirmedByBoth: 0,
      thankYous: 0,
      lastActivityAt: null,
    });
  }
  for (const c of facts.contacts) {
    const row = rows.get(c.ownerId);
    if (!row) continue;
    row.contacts += 1;
    row.byStage[c.stage] += 1;
    if (!row.lastActivityAt || c.lastActivityAt > row.lastActivityAt) row.lastActivityAt = c.lastActivityAt;
  }
  for (const m of facts.meetings) {
    const row = rows.get(m.studentId);
    if (!row || m.heldAt === null) continue;
    row.meetingsHeld += 1;
    if (m.loggedByMentor) row.meetingsMentorLogged += 1;
    if (m.loggedByMentor && m.loggedByStudent) row.meetingsConfirmedByBoth += 1;
  }
  for (const e of facts.events) {
    const row = rows.get(e.ownerId);
    if (row && e.kind === 'stage' && e.toStage === 'thanked') row.thankYous += 1;
  }
  return [...rows.values()].sort(
    (a, b) => a.student.localeCompare(b.student) || a.studentId.localeCompare(b.studentId),
  );
}

/** The report as CSV: counts per student, no contact's name or details, no note text. */
export function reportCsv(rows: readonly ReportRow[]): string {
  return spreadsheetCsv(
    [
      'student',
      'contacts',
      ...STAGES,
      'meetings_held',
      'meetings_logged_by_mentor',
      'meetings_confirmed_by_both',
      'thank_yous',
      'last_activity',
    ],
    rows.map((r) => ({
      student: r.student,
      contacts: r.contacts,
      ...Object.fromEntries(STAGES.map((s) => [s, r.byStage[s]])),
      meetings_held: r.meetingsHeld,
      meetings_logged_by_mentor: r.meetingsMentorLogged,
      meetings_confirmed_by_both: r.meetingsConfirmedByBoth,
      thank_yous: r.thankYous,
      last_activity: r.lastActivityAt ? r.lastActivityAt.toISOString() : '',
    })),
  );
}
