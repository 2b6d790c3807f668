/**
 * Naming another person of the organization (a mentor's student, a coordinator's `role` target):
 * `person:<uuid>` from Discord's autocomplete, a platform mention (Slack `<@U123|maria>`, Discord
 * `<@123>`), a bare Discord user id, or a display name (`@maria`, `maria`). Only the actor's own
 * organization is ever searched.
 */
import type { CommandContext } from '../command.js';
import { foldName, startsAWord } from '../grammar/contactRef.js';
import type { Person } from '../people/peoplePorts.js';
import { user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';

const PERSON_REF = /^person:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const MENTION = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/;
const SNOWFLAKE = /^\d{15,21}$/;

export interface PersonRefWording {
  /** "person" or "student", as the sentences name them. */
  noun: string;
  /** What to say when nothing was typed, e.g. "Tell me who, like @sam." */
  emptyHint: string;
  usage: string;
}

export async function findPersonInOrg(
  ctx: CommandContext,
  raw: string,
  wording: PersonRefWording,
): Promise<Result<Person>> {
  const { repos, org, actor } = ctx;
  const { noun, usage } = wording;
  const notFound = fail(
    'not_found',
    `I couldn't find that ${noun} in your organization. They need to have used Rapport here at least once.`,
    { usage, detail: [['You typed: ', user(raw)]] },
  );
  const byId = PERSON_REF.exec(raw)?.[1];
  if (byId) {
    const person = await repos.persons.getById(org.id, byId);
    return person ? ok(person) : notFound;
  }
  const externalId = MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : undefined);
  if (externalId) {
    const person = await repos.directory.findPersonByExternalUser(org.id, actor.platform, externalId);
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
