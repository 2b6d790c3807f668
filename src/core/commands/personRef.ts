/**
 * Naming another person of the organization (a mentor's student, a coordinator's `role` target):
 * `person:<uuid>` from Discord's autocomplete, a mention or bare user id in the platform's own
 * syntax (read by `ctx.references`), or a display name (`@maria`, `maria`). Only the
 * actor's own organization is ever searched. Commands that set people up before they arrive
 * (`role`, `cohort add`, `match`) may admit someone named by a mention or an id who has never used
 * Rapport: their identity is created in the actor's space and becomes theirs at their first command.
 */
import type { CommandContext } from '../command.js';
import { foldName, startsAWord } from '../grammar/contactRef.js';
import { UUID_PATTERN } from '../ids.js';
import type { Person } from '../people/peoplePorts.js';
import type { PersonMention } from '../references.js';
import { user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';

const PERSON_REF = new RegExp(`^person:(${UUID_PATTERN})$`, 'i');
/** The longest display name kept for someone named before they arrive. */
const MAX_ADMITTED_NAME = 80;

export interface PersonRefWording {
  /** "person" or "student", as the sentences name them. */
  noun: string;
  /** What to say when nothing was typed, e.g. "Tell me who, like @sam." */
  emptyHint: string;
  usage: string;
  /** A mention or user id of someone who has never used Rapport adds them to the organization. */
  admit?: boolean;
}

const PLATFORM_NAMES = { slack: 'Slack', discord: 'Discord', console: 'Console' } as const;

/**
 * Finds the person a mention or id names in the actor's organization; with `admit`, creates them
 * in the actor's space when they have never used Rapport. Null when neither.
 */
async function byExternalId(
  ctx: CommandContext<'directory'>,
  ref: PersonMention,
  admit: boolean,
): Promise<Person | null> {
  const { repos, org, actor } = ctx;
  const known = await repos.directory.findPersonByExternalUser(org.id, actor.platform, ref.id);
  if (known || !admit || !actor.spaceExternalId) return known;
  const displayName = (ref.name ?? `${PLATFORM_NAMES[actor.platform]} user ${ref.id}`).slice(
    0,
    MAX_ADMITTED_NAME,
  );
  return repos.directory.admit(org.id, {
    platform: actor.platform,
    spaceExternalId: actor.spaceExternalId,
    externalUserId: ref.id,
    displayName,
  });
}

/** What finding a person reaches: the organization's people, and the directory for a mention. */
export type PersonRefRepos = 'persons' | 'directory';

export async function findPersonInOrg(
  ctx: CommandContext<PersonRefRepos>,
  raw: string,
  wording: PersonRefWording,
): Promise<Result<Person>> {
  const { repos, org } = ctx;
  const { noun, usage } = wording;
  const notFound = fail(
    'not_found',
    wording.admit
      ? `I couldn't find that ${noun} in your organization. To add someone who has not used Rapport yet, mention them (@name) or give their user id.`
      : `I couldn't find that ${noun} in your organization. They need to have used Rapport here at least once.`,
    { usage, detail: [['You typed: ', user(raw)]] },
  );
  const byId = PERSON_REF.exec(raw)?.[1];
  if (byId) {
    const person = await repos.persons.getById(org.id, byId);
    return person ? ok(person) : notFound;
  }
  const external = ctx.references.person(raw);
  if (external) {
    const person = await byExternalId(ctx, external, wording.admit === true);
    return person ? ok(person) : notFound;
  }
  const wanted = foldName(raw.replace(/^@/, ''));
  if (wanted === '') return fail('usage', wording.emptyHint, { usage });
  // Unlike a contact (one's own list, where an exact name wins), a name here picks whom a meeting
  // or a role goes to: an exact display name (a handle like `maria`) must not quietly beat
  // `maria.lopez`. Everyone the name could mean is a match; several get the pick-list.
  const people = await repos.persons.listByOrg(org.id);
  const matches = people.filter((p) => startsAWord(foldName(p.displayName), wanted));
  if (matches.length === 1 && matches[0]) return ok(matches[0]);
  if (matches.length === 0) return notFound;
  return fail('ambiguous', `Several people match that name; mention the ${noun} (@name) to pick one.`, {
    usage,
    detail: matches.slice(0, 8).map((p) => ['• ', user(p.displayName)]),
  });
}
