/**
 * What the digest, `stats` and `report` cover for the person asking: a coordinator sees the whole
 * organization, or one cohort when they name it; an advisor sees the cohorts they advise (all of
 * them, or the one they name) and nothing else.
 */
import type { CommandContext } from '../command.js';
import type { DigestFacts } from '../digest/digestFacts.js';
import { fail, ok, type Result } from '../result.js';
import { findCohort } from './cohortRefs.js';

export interface FactsScope {
  /** Shown after the organization's name: the cohort's name, or "your cohorts". */
  label?: string;
  /** The students covered; undefined for the whole organization. */
  studentIds?: ReadonlySet<string>;
}

export async function scopeFor(
  ctx: CommandContext<'cohorts'>,
  cohortRef: string | undefined,
  usage: string,
): Promise<Result<FactsScope>> {
  const { repos, org } = ctx;
  if (cohortRef) {
    const found = await findCohort(ctx, cohortRef, usage);
    if (!found.ok) return found;
    const ids = await repos.cohorts.memberIds(org.id, [found.value.id]);
    return ok({ label: found.value.name, studentIds: new Set(ids) });
  }
  if (ctx.actor.role === 'coordinator') return ok({});
  const advised = await repos.cohorts.advisedBy(org.id, ctx.person.id);
  if (advised.length === 0) {
    return fail(
      'not_found',
      'You advise no cohort yet, so there is nothing to show. A coordinator names advisors with cohort advisor.',
      {
        usage,
      },
    );
  }
  const ids = await repos.cohorts.memberIds(
    org.id,
    advised.map((c) => c.id),
  );
  const label = advised.length === 1 && advised[0] ? advised[0].name : 'your cohorts';
  return ok({ label, studentIds: new Set(ids) });
}

/**
 * The facts of the scope's students only: their persons, contacts, timeline and meetings, and the
 * mentors who met them (named in "mentors' logged meetings", never counted as students).
 */
export function scopeFacts(facts: DigestFacts, scope: FactsScope): DigestFacts {
  const ids = scope.studentIds;
  if (!ids) return facts;
  const meetings = facts.meetings.filter((m) => ids.has(m.studentId));
  const mentors = new Set(meetings.flatMap((m) => (m.mentorId ? [m.mentorId] : [])));
  return {
    persons: facts.persons.filter((p) => ids.has(p.id) || (mentors.has(p.id) && p.role !== 'student')),
    contacts: facts.contacts.filter((c) => ids.has(c.ownerId)),
    events: facts.events.filter((e) => ids.has(e.ownerId)),
    meetings,
  };
}

/** The title the digest carries: the organization, and the scope's label after it. */
export const scopedTitle = (orgName: string, scope: FactsScope): string =>
  scope.label ? `${orgName} · ${scope.label}` : orgName;
