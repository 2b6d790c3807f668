/**
 * Nudges about a student's whole search rather than one contact: the weekly look at the pipeline
 * and the one-time invitation to reflect on whether the field fits.
 */
import { OPEN_STAGES } from '../domain.js';
import type { Person } from '../people/peoplePorts.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { SentNudge } from './contactNudges.js';
import { isoWeekKey, MS_PER_DAY, plusLocalDays } from './localTime.js';
import type { NudgeConfig } from './nudgeConfig.js';
import { nudgeKeys } from './nudgeKeys.js';
import type { PlannedNudge } from './nudgePorts.js';
import { nextAllowedTime, nextLocalTime, normalizeWakingHours, type WakingHours } from './wakingHours.js';

/** Everything the person rules look at. */
export interface PersonNudgeState {
  person: Person;
  /** All of the person's contacts. */
  contacts: readonly Contact[];
  meetingsHeld: number;
  /** When the student first reached out to anyone, if ever. */
  firstOutreachAt: Date | null;
  /** The person's contact-less nudges already sent. */
  sent: readonly SentNudge[];
}

const MONDAY = 1;

/**
 * True when the weekly pipeline nudge has something to say: fewer than `pipelineTarget` open
 * contacts, or no activity on any contact for `inactivityDays`.
 */
export function pipelineNeedsAttention(
  contacts: readonly Contact[],
  config: NudgeConfig,
  now: Date,
): boolean {
  const open = contacts.filter((contact) => OPEN_STAGES.includes(contact.stage)).length;
  if (open < config.pipelineTarget) return true;
  const lastActivity = Math.max(...contacts.map((contact) => contact.lastActivityAt.getTime()));
  return now.getTime() - lastActivity >= config.inactivityDays * MS_PER_DAY;
}

/**
 * The person's contact-less nudges that should be pending at `now`. Only students get them. The
 * weekly pipeline nudge is always planned for the coming Monday at the start of waking hours (a
 * chain renewed after each delivery) and checked for relevance when it is due; the reflection
 * nudge comes once, when enough meetings were held or enough time passed since the first outreach.
 */
/**
 * True for people who get a student's reminders: students, and the console's one local user, who
 * tries every command as a student with a coordinator's rights.
 */
export const actsAsStudent = (person: Pick<Person, 'role' | 'lastPlatform'>): boolean =>
  person.role === 'student' || person.lastPlatform === 'console';

export function planPersonNudges(
  state: PersonNudgeState,
  hours: WakingHours,
  config: NudgeConfig,
  now: Date,
): PlannedNudge[] {
  if (!actsAsStudent(state.person)) return [];
  const window = normalizeWakingHours(hours);
  const base = { personId: state.person.id, contactId: null, expectedStage: null };
  const planned: PlannedNudge[] = [];

  const monday = nextLocalTime(now, window.timezone, MONDAY, window.startMinute);
  planned.push({
    ...base,
    kind: 'weekly_pipeline',
    dedupeKey: nudgeKeys.weeklyPipeline(state.person.id, isoWeekKey(monday, window.timezone)),
    dueAt: monday,
    payload: { target: config.pipelineTarget },
  });

  const reflect = { ...base, kind: 'reflect' as const, dedupeKey: nudgeKeys.reflect(state.person.id) };
  const payload = { meetingsHeld: state.meetingsHeld };
  if (state.meetingsHeld >= config.reflectMeetings) {
    planned.push({
      ...reflect,
      dueAt: nextAllowedTime(now, window),
      payload: { ...payload, trigger: 'meetings' },
    });
  } else if (state.firstOutreachAt) {
    const ideal = plusLocalDays(state.firstOutreachAt, config.reflectDays, window.timezone);
    const dueAt = nextAllowedTime(ideal > now ? ideal : now, window);
    planned.push({ ...reflect, dueAt, payload: { ...payload, trigger: 'time' } });
  }

  const sent = new Set(state.sent.map((s) => s.dedupeKey));
  return planned.filter((n) => !sent.has(n.dedupeKey));
}
