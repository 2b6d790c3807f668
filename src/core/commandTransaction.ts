/**
 * Running one command: its context loaded (the person and their organization, in the statement
 * that also records them active), the work in one transaction, rolled back when the command
 * answers with an error, and every outcome turned into a Reply. Exceptions are caught here, once,
 * logged without what the person typed, and the person sees a short apology.
 */
import type { Actor, Command, CommandContext, RawArgs } from './command.js';
import type { CommandWatch } from './commandObserver.js';
import { APOLOGY, errorReply } from './dispatchReplies.js';
import type { Platform } from './domain.js';
import type { Organization, Person } from './people/peoplePorts.js';
import type { RapportDeps } from './rapportDeps.js';
import { NAMES_ONLY } from './references.js';
import type { Reply } from './reply.js';
import type { Result, UserError } from './result.js';
import { safeError } from './safeError.js';
import type { Repos } from './store.js';
import { personZone, zoneNotice } from './timeZones.js';

/** Activity is kept to the hour: a write per command would be most of a read command's cost. */
const ACTIVITY_RESOLUTION_MS = 60 * 60 * 1000;

/** Thrown inside a transaction to roll it back when a command answers with an error. */
class Rollback extends Error {
  constructor(readonly userError: UserError) {
    super(userError.kind);
  }
}

/** The Actor of a person of an organization, on the platform they are using. */
export function actorOf(
  org: Organization,
  person: Person,
  platform: Platform,
  spaceExternalId?: string,
): Actor {
  return {
    orgId: org.id,
    personId: person.id,
    role: person.role,
    platform,
    ...(spaceExternalId === undefined ? {} : { spaceExternalId }),
    timezone: personZone(person, org.timezone),
    locale: person.locale,
    displayName: person.displayName,
  };
}

/**
 * Adds the one-time sentence about a refused time zone to a successful answer, and records that
 * it was said (in the command's transaction: an answer that fails says nothing and records nothing).
 */
async function withZoneNotice(
  repos: Repos,
  org: Organization,
  person: Person,
  reply: Reply,
  now: Date,
): Promise<Reply> {
  if (!zoneNotice(person, org.timezone)) return reply;
  // Read again: the command may have set a zone (settings tz) or deleted the person (forget-me).
  const current = await repos.persons.getById(org.id, person.id);
  if (!current) return reply;
  const line = zoneNotice(current, org.timezone);
  await repos.persons.update(org.id, person.id, { rejectedTimezone: null, timezoneNoticeAt: now });
  return line ? { ...reply, blocks: [...reply.blocks, { type: 'context', lines: [line] }] } : reply;
}

/** A bug or an outage: logged once, without what the person typed; they get the apology. */
export function failed(deps: RapportDeps, error: unknown, name: string, actor: Actor): Reply {
  deps.logger?.error({ err: safeError(error), command: name, platform: actor.platform }, 'command failed');
  return APOLOGY;
}

export interface CommandRun {
  actor: Actor;
  /** The command, for its usage line on an error; none for a button or the home view. */
  command: Command | undefined;
  /** Labels the observation and the log line: the command's name, `button` or `home`. */
  name: string;
  done: CommandWatch;
  /** The command's arguments, so a pick-list can offer the same command for each match. */
  args?: RawArgs;
  /** The rows `identify` read for this actor moments ago: then they are not read again. */
  loaded?: { org: Organization; person: Person } | undefined;
}

/**
 * The person and their organization, as the command starts: those identify just read, else one
 * statement that reads them (and stamps the person active, once an hour). Either way it needs no
 * transaction, and the statement is prepared once per process (see personInOrganization.ts).
 */
async function contextOf(
  deps: RapportDeps,
  run: CommandRun,
  now: Date,
): Promise<{ org: Organization; person: Person | null }> {
  const { actor, loaded } = run;
  if (!loaded)
    return deps.store.direct((repos) =>
      repos.directory.getPersonInOrganization(actor.orgId, actor.personId, {
        at: now,
        olderThanMs: ACTIVITY_RESOLUTION_MS,
      }),
    );
  const { org, person } = loaded;
  const last = person.lastActiveAt?.getTime();
  if (last !== undefined && now.getTime() - last <= ACTIVITY_RESOLUTION_MS) return loaded;
  const stamped = await deps.store.direct((repos) =>
    repos.persons.update(org.id, person.id, { lastActiveAt: now }),
  );
  return { org, person: stamped };
}

export async function runInTransaction(
  deps: RapportDeps,
  run: CommandRun,
  work: (ctx: CommandContext) => Promise<Result<Reply>>,
): Promise<Reply> {
  const { actor, command, name, done, args } = run;
  const now = deps.clock.now();
  try {
    const { person, org } = await contextOf(deps, run, now);
    if (!person)
      throw new Rollback({ kind: 'not_found', message: 'I could not find your account. Please try again.' });
    const unit = async (repos: Repos) => {
      const result = await work({
        // Read from the row, not the actor: an adapter may hold an actor across commands, and
        // `settings tz` must apply to the very next one.
        actor: { ...actor, ...actorOf(org, person, actor.platform) },
        person,
        org,
        now,
        repos,
        references: deps.references?.[actor.platform] ?? NAMES_ONLY,
        ...(deps.chart ? { chart: deps.chart } : {}),
        ...(deps.channels ? { channels: deps.channels } : {}),
      });
      if (!result.ok) throw new Rollback(result.error);
      return withZoneNotice(repos, org, person, result.value, now);
    };
    // A command that only reads has nothing to roll back: its statements run each on its own,
    // which saves the BEGIN and COMMIT round trips (most of a `list`'s cost beside its one read).
    const reply = await (command?.readOnly ? deps.store.direct(unit) : deps.store.transaction(unit));
    return done(name, 'ok', reply);
  } catch (error) {
    if (error instanceof Rollback) return done(name, 'invalid', errorReply(error.userError, command, args));
    return done(name, 'failed', failed(deps, error, name, actor));
  }
}
