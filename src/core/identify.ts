/**
 * Who is asking: a platform user resolved to a person of an organization (created on first use),
 * and a button's clicker checked against the person the button was made for.
 */
import { buttonOwner } from './actions.js';
import type { Actor } from './command.js';
import { actorOf } from './commandTransaction.js';
import type { Platform } from './domain.js';
import { isValidTimeZone } from './grammar/dates.js';
import type { IdentityInput, Organization, Person } from './people/peoplePorts.js';
import { replanPerson } from './pipeline/replan.js';
import type { RapportDeps } from './rapportDeps.js';
import type { ActionId } from './reply.js';
import { refusedZonePatch } from './timeZones.js';

/** A BCP 47 tag as platforms send them: "en-US", "fr", "es-419", "zh_CN". */
const LOCALE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/u;

/** The person asking, and the rows identify read for them (a command run at once needs no others). */
export interface Identified {
  actor: Actor;
  org: Organization;
  person: Person;
}

export async function identifyPerson(deps: RapportDeps, input: IdentityInput): Promise<Identified> {
  const coordinator =
    input.platform === 'console' ||
    deps.coordinators.some(
      (c) =>
        c.platform === input.platform &&
        c.spaceId === input.spaceExternalId &&
        c.userId === input.externalUserId,
    );
  const now = deps.clock.now();
  const defaults = { timezone: deps.timezone, coordinator };
  // A profile's zone is stored only when it is one; one that is not is set aside just below.
  const hint = input.timezoneHint;
  const zoneChecked: IdentityInput =
    hint !== undefined && !isValidTimeZone(hint) ? { ...input, timezoneHint: undefined } : input;
  // A locale is only ever a short tag; anything else from a platform is dropped.
  const checked: IdentityInput =
    input.localeHint !== undefined && !LOCALE_TAG.test(input.localeHint)
      ? { ...zoneChecked, localeHint: undefined }
      : zoneChecked;
  // Nearly every request comes from someone seen before: one read, no transaction around it.
  const known = await deps.store.direct((repos) => repos.directory.resolveKnown(checked, defaults));
  // Someone a coordinator set up before they came (`role`, `cohort add`): their reminders start now.
  if (known?.firstUse)
    await deps.store.transaction((repos) =>
      replanPerson({ repos, person: known.person, org: known.org, now }),
    );
  const { org, person } =
    known ??
    (await deps.store.transaction(async (repos) => {
      const found = await repos.directory.resolve(checked, defaults);
      // A newcomer's weekly pipeline reminder starts now.
      if (found.created) await replanPerson({ repos, person: found.person, org: found.org, now });
      return found;
    }));
  // Rarely anything to write: a refused profile zone, or a stored one that is no zone.
  const patch = refusedZonePatch(person, hint);
  const current = Object.keys(patch).length
    ? await deps.store.direct((repos) => repos.persons.update(org.id, person.id, patch))
    : person;
  return { actor: actorOf(org, current, input.platform, input.spaceExternalId), org, person: current };
}

/** The clicker of a button, when they are the person it was made for; null otherwise. */
export function identifyClicker(
  deps: RapportDeps,
  who: { platform: Platform; externalUserId: string },
  action: ActionId,
  value: string,
): Promise<Actor | null> {
  return deps.store.direct(async (repos) => {
    const owner = await buttonOwner(repos, action, value);
    if (!owner) return null;
    const person = await repos.directory.findPersonByExternalUser(
      owner.orgId,
      who.platform,
      who.externalUserId,
    );
    if (!person || person.id !== owner.personId) return null;
    return actorOf(await repos.directory.getOrganization(owner.orgId), person, who.platform);
  });
}
