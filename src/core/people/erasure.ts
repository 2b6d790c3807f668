/**
 * Deleting everything Rapport keeps about one person: what `forget-me` does, and what the worker
 * does once a deactivated person's or an uninstalled workspace's retention window has passed.
 * Run it inside one transaction (`store.transaction`): all of it goes, or none.
 */
import { INTRO_PAYLOAD_FIELDS } from '../commands/matchCommands.js';
import { MENTOR_PAYLOAD_FIELDS } from '../commands/mentorCommands.js';
import type { Repos } from '../store.js';

/** What erasing a person reaches: the reminders that name them, then their row (it cascades). */
export type ErasureRepos = 'nudges' | 'persons';

export async function erasePerson(
  repos: Pick<Repos, ErasureRepos>,
  orgId: string,
  personId: string,
): Promise<void> {
  // A mentor's name, id and typed topics sit in their students' reminders: they go too.
  await repos.nudges.stripPayloads(orgId, { key: 'mentorId', value: personId }, MENTOR_PAYLOAD_FIELDS);
  // A student's name sits in their mentor's reminders and introductions: it goes too.
  await repos.nudges.forgetInStudentLists(orgId, personId);
  // An introduction to them still waiting goes unsent, and their name leaves every introduction.
  const introducing = { key: 'otherId', value: personId };
  await repos.nudges.cancelPendingWith(orgId, 'match_intro', introducing);
  await repos.nudges.stripPayloads(orgId, introducing, INTRO_PAYLOAD_FIELDS);
  await repos.persons.delete(orgId, personId);
}
