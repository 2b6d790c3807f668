/**
 * Re-planning a whole organization after its nudge timing changed (`nudges set`, `nudges reset`),
 * inside the caller's transaction, and counting what moved.
 */
import type { NudgeRecord } from '../nudges/nudgePorts.js';
import type { Organization } from '../people/peoplePorts.js';
import type { Repos } from '../store.js';
import { type ReplanRepos, replanEverything } from './replan.js';

/** What re-planning an organization reaches: its people, and re-planning each. */
export type OrganizationReplanRepos = ReplanRepos | 'persons';

/** What a re-plan did to the organization's pending reminders. */
export interface OrganizationReplan {
  moved: number;
  added: number;
  dropped: number;
}

async function pendingOf(
  ctx: { repos: Pick<Repos, 'nudges'> },
  personIds: readonly string[],
): Promise<Map<string, NudgeRecord>> {
  const pending = await ctx.repos.nudges.listPendingForPeople(personIds);
  return new Map(pending.map((n) => [n.id, n]));
}

/**
 * Re-plans every person of the organization under its new timing. Planning itself leaves
 * delivered and cancelled reminders as they are, honours a contact's snooze, and keeps the time
 * a person chose with a reminder's snooze buttons.
 */
export async function replanOrganization(
  ctx: { repos: Pick<Repos, OrganizationReplanRepos>; now: Date },
  org: Organization,
): Promise<OrganizationReplan> {
  const people = await ctx.repos.persons.listByOrg(org.id);
  const ids = people.map((p) => p.id);
  const before = await pendingOf(ctx, ids);
  for (const person of people) await replanEverything({ repos: ctx.repos, person, org, now: ctx.now });
  const after = await pendingOf(ctx, ids);
  const result: OrganizationReplan = { moved: 0, added: 0, dropped: 0 };
  for (const [id, next] of after) {
    const was = before.get(id);
    if (!was) result.added += 1;
    else if (was.dueAt.getTime() !== next.dueAt.getTime()) result.moved += 1;
  }
  for (const id of before.keys()) if (!after.has(id)) result.dropped += 1;
  return result;
}
