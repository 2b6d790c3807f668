/**
 * The facade the adapters call. It resolves who is asking, finds the command in the one list,
 * runs it in one transaction (rolled back when the command answers with an error), and turns
 * every outcome into a Reply. Exceptions are caught here, once, logged without what the person
 * typed, and the person sees a short apology.
 */

import { ACTION_FORMS, buttonOwner, runAction } from './actions.js';
import type { AutocompleteChoice, RapportApi } from './api.js';
import type { Clock } from './clock.js';
import { takeTry } from './codeTries.js';
import { type Actor, type Command, type CommandContext, type RawArgs, signatureOf } from './command.js';
import { type CommandObserver, type CommandWatch, watchCommand } from './commandObserver.js';
import { pickActions } from './commands/contactPicks.js';
import { COMMANDS, commandMap } from './commands/index.js';
import type { ChartRenderer } from './digest/digestPorts.js';
import type { Platform } from './domain.js';
import { foldName } from './grammar/contactRef.js';
import { isValidTimeZone } from './grammar/dates.js';
import { asksForHelp, redirectFor } from './grammar/everydayWords.js';
import { closestCommand, splitSubcommand } from './grammar/subcommands.js';
import type { ChannelDirectory } from './notifier.js';
import type { IdentityInput, Organization, Person } from './people/peoplePorts.js';
import { replanPerson } from './pipeline/replan.js';
import { NAMES_ONLY, type ReferenceSyntax } from './references.js';
import { type ActionId, code, type Line, type Reply, usageOf, user } from './reply.js';
import type { Result, UserError } from './result.js';
import { safeError } from './safeError.js';
import type { Repos, Store } from './store.js';
import { personZone, refusedZonePatch, zoneNotice } from './timeZones.js';
import { homeView } from './views/homeView.js';

/** The first coordinators, from configuration: `slack:<team>:<user>`. */
export interface CoordinatorSpec {
  platform: Platform;
  spaceId: string;
  userId: string;
}

/** The little core needs of a logger: structured fields, never what a person typed. */
export interface CoreLogger {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface RapportDeps {
  store: Store;
  clock: Clock;
  /** The organization's default time zone for new organizations. */
  timezone: string;
  coordinators: readonly CoordinatorSpec[];
  logger?: CoreLogger;
  /** Renders the digest's funnel chart to PNG (src/bot/digest); without it previews have no image. */
  chart?: ChartRenderer;
  /** Looks channels up on their platform (src/bot); without it no digest channel can be set. */
  channels?: ChannelDirectory;
  /** Told how every dispatched command ended (the bot counts them for /metrics). */
  observer?: CommandObserver;
  /** Each platform's syntax for people and channels in text (src/bot/references.ts); names only without. */
  references?: Partial<Record<Platform, ReferenceSyntax>>;
}

/** A BCP 47 tag as platforms send them: "en-US", "fr", "es-419", "zh_CN". */
const LOCALE_TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/u;

const ACTIVITY_RESOLUTION_MS = 60 * 60 * 1000;

/** Thrown inside a transaction to roll it back when a command answers with an error. */
class Rollback extends Error {
  constructor(readonly userError: UserError) {
    super(userError.kind);
  }
}

const APOLOGY: Reply = {
  blocks: [
    {
      type: 'text',
      lines: [
        ['Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.'],
      ],
    },
  ],
};

/**
 * A person's mistake as a reply: the sentence, any pick-list, and the command's one usage line
 * (each platform spells it), the same whether the words or the run failed.
 */
export function errorReply(error: UserError, command?: Command, args?: RawArgs): Reply {
  const lines: Line[] = [[error.message]];
  for (const d of error.detail ?? []) lines.push(d);
  const picks = command && args && error.choices ? pickActions(command.name, args, error.choices) : [];
  return {
    blocks: [
      { type: 'text', lines },
      ...(picks.length ? [{ type: 'actions' as const, actions: picks }] : []),
      ...(command ? [{ type: 'context' as const, lines: [['Usage: ', usageOf(signatureOf(command))]] }] : []),
    ],
  };
}

const ROLE_REFUSALS: Record<string, string> = {
  mentor: 'Only mentors (and coordinators) can use that command. A coordinator can give you the mentor role.',
  coordinator: 'Only coordinators can use that command.',
  advisor: 'Only advisors and coordinators can use that command.',
};

/** The Actor of a person of an organization, on the platform they are using. */
function actorOf(org: Organization, person: Person, platform: Platform, spaceExternalId?: string): Actor {
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

export class Rapport implements RapportApi {
  readonly commands: readonly Command[];
  /** Every text-form path (names and aliases) to its command. */
  private readonly byPath: Map<string, Command>;
  private readonly paths: ReadonlySet<string>;

  constructor(private readonly deps: RapportDeps) {
    this.commands = COMMANDS;
    this.byPath = commandMap(this.commands);
    this.paths = new Set(this.byPath.keys());
  }

  async identify(input: IdentityInput): Promise<Actor> {
    const coordinator =
      input.platform === 'console' ||
      this.deps.coordinators.some(
        (c) =>
          c.platform === input.platform &&
          c.spaceId === input.spaceExternalId &&
          c.userId === input.externalUserId,
      );
    const now = this.deps.clock.now();
    const defaults = { timezone: this.deps.timezone, coordinator };
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
    const known = await this.deps.store.direct((repos) => repos.directory.resolveKnown(checked, defaults));
    // Someone a coordinator set up before they came (`role`, `cohort add`): their reminders start now.
    if (known?.firstUse)
      await this.deps.store.transaction((repos) =>
        replanPerson({ repos, person: known.person, org: known.org, now }),
      );
    const { org, person } =
      known ??
      (await this.deps.store.transaction(async (repos) => {
        const found = await repos.directory.resolve(checked, defaults);
        // A newcomer's weekly pipeline reminder starts now.
        if (found.created) await replanPerson({ repos, person: found.person, org: found.org, now });
        return found;
      }));
    // Rarely anything to write: a refused profile zone, or a stored one that is no zone.
    const patch = refusedZonePatch(person, hint);
    const current = Object.keys(patch).length
      ? await this.deps.store.direct((repos) => repos.persons.update(org.id, person.id, patch))
      : person;
    return actorOf(org, current, input.platform, input.spaceExternalId);
  }

  async identifyClick(
    who: { platform: Platform; externalUserId: string },
    action: ActionId,
    value: string,
  ): Promise<Actor | null> {
    return this.deps.store.direct(async (repos) => {
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

  /** The command a text names, and the words after its name. */
  private find(text: string): { path: string; rest: string; command: Command | undefined } {
    const input = text.replace(/^\s*\/?rapport\b/i, '').trim();
    // "hi", "hello", "?", "commands": the short help.
    const { path, rest } = splitSubcommand(!input || asksForHelp(input) ? 'help' : input, this.paths);
    return { path, rest, command: this.byPath.get(path) };
  }

  formFor(text: string): Command | undefined {
    const { command, rest } = this.find(text);
    return command?.form && rest === '' ? command : undefined;
  }

  formForAction(action: ActionId, value: string): { command: Command; prefill: RawArgs } | undefined {
    const form = ACTION_FORMS[action];
    const command = form ? this.byPath.get(form.command) : undefined;
    return form && command?.form ? { command, prefill: { [form.option]: value } } : undefined;
  }

  async runText(actor: Actor, text: string): Promise<Reply> {
    const done = this.watch(actor);
    const { path, rest, command } = this.find(text);
    if (!command) return done('unknown', 'unknown', this.unknown(actor, path));
    if (!command.roles.includes(actor.role)) return done(command.name, 'forbidden', this.refuse(command));
    const parsed = command.parse(rest);
    if (!parsed.ok) return done(command.name, 'invalid', errorReply(parsed.error, command));
    return this.execute(actor, command, parsed.value, done);
  }

  async runOptions(actor: Actor, name: string, options: RawArgs): Promise<Reply> {
    const done = this.watch(actor);
    const command = this.byPath.get(name);
    if (!command) return done('unknown', 'unknown', this.unknown(actor, name));
    if (!command.roles.includes(actor.role)) return done(command.name, 'forbidden', this.refuse(command));
    return this.execute(actor, command, options, done);
  }

  async runAction(actor: Actor, action: ActionId, value: string): Promise<Reply> {
    return this.inTransaction(actor, undefined, 'button', this.watch(actor), (ctx) =>
      runAction(ctx, this.byPath, action, value),
    );
  }

  async autocomplete(
    actor: Actor,
    source: 'contact' | 'student',
    partial: string,
  ): Promise<AutocompleteChoice[]> {
    const wanted = foldName(partial);
    try {
      return await this.deps.store.transaction(async (repos) => {
        if (source === 'contact') {
          const contacts = await repos.contacts.listByOwner(actor.personId);
          return contacts
            .filter(
              (c) =>
                !wanted || foldName(c.name).includes(wanted) || `#${c.number}`.startsWith(partial.trim()),
            )
            .slice(0, 25)
            .map((c) => ({
              name: `#${c.number} ${c.name}${c.company ? ` (${c.company})` : ''}`.slice(0, 100),
              value: `#${c.number}`,
            }));
        }
        if (actor.role === 'student') return [];
        const people = await repos.persons.listByOrg(actor.orgId);
        return people
          .filter(
            (p) =>
              p.role === 'student' &&
              p.id !== actor.personId &&
              (!wanted || foldName(p.displayName).includes(wanted)),
          )
          .slice(0, 25)
          .map((p) => ({ name: p.displayName.slice(0, 100), value: `person:${p.id}` }));
      });
    } catch (error) {
      this.deps.logger?.error({ err: safeError(error), source }, 'autocomplete failed');
      return [];
    }
  }

  async home(actor: Actor): Promise<Reply> {
    return this.inTransaction(actor, undefined, 'home', this.watch(actor), async (ctx) => ({
      ok: true,
      value: await homeView(ctx),
    }));
  }

  private async execute(actor: Actor, command: Command, args: RawArgs, done: CommandWatch): Promise<Reply> {
    const { name } = command;
    if (!command.tries?.counts(args))
      return this.inTransaction(actor, command, name, done, (ctx) => command.run(ctx, args), args);
    // The try is counted before, and outside, the command's transaction: a wrong code rolls that
    // transaction back, and the try must stay counted (see codeTries.ts).
    const limit = command.tries.limit;
    let taken: Result<string>;
    try {
      taken = await this.deps.store.direct((repos) =>
        takeTry(repos.codeTries, limit, actor, this.deps.clock.now()),
      );
    } catch (error) {
      return done(name, 'failed', this.failed(error, name, actor));
    }
    if (!taken.ok) return done(name, 'invalid', errorReply(taken.error, command));
    return this.inTransaction(actor, command, name, done, async (ctx) => {
      const result = await command.run(ctx, args);
      // A code that worked is no wrong try; this commits with what the code unlocked.
      if (result.ok) await ctx.repos.codeTries.forget(taken.value);
      return result;
    });
  }

  /** Watches one dispatch for the observer; a failing observer is logged and costs no reply. */
  private watch(actor: Actor): CommandWatch {
    return watchCommand(this.deps.observer, actor.platform, (error) =>
      this.deps.logger?.warn({ err: safeError(error) }, 'command observer failed'),
    );
  }

  /** `name` labels the observation and the log line: the command's name, `button` or `home`. */
  private async inTransaction(
    actor: Actor,
    command: Command | undefined,
    name: string,
    done: CommandWatch,
    work: (ctx: CommandContext) => Promise<{ ok: true; value: Reply } | { ok: false; error: UserError }>,
    /** The command's arguments, so a pick-list can offer the same command for each match. */
    args?: RawArgs,
  ): Promise<Reply> {
    const now = this.deps.clock.now();
    try {
      const reply = await this.deps.store.transaction(async (repos) => {
        const { person, org } = await repos.directory.getPersonInOrganization(actor.orgId, actor.personId);
        if (!person)
          throw new Rollback({
            kind: 'not_found',
            message: 'I could not find your account. Please try again.',
          });
        // Activity is kept to the hour: a write per command would be most of a read command's cost.
        const stale =
          !person.lastActiveAt || now.getTime() - person.lastActiveAt.getTime() > ACTIVITY_RESOLUTION_MS;
        const fresh = stale ? await repos.persons.update(org.id, person.id, { lastActiveAt: now }) : person;
        const result = await work({
          // Read from the row, not the actor: an adapter may hold an actor across commands, and
          // `settings tz` must apply to the very next one.
          actor: { ...actor, ...actorOf(org, fresh, actor.platform) },
          person: fresh,
          org,
          now,
          repos,
          references: this.deps.references?.[actor.platform] ?? NAMES_ONLY,
          ...(this.deps.chart ? { chart: this.deps.chart } : {}),
          ...(this.deps.channels ? { channels: this.deps.channels } : {}),
        });
        if (!result.ok) throw new Rollback(result.error);
        return withZoneNotice(repos, org, fresh, result.value, now);
      });
      return done(name, 'ok', reply);
    } catch (error) {
      if (error instanceof Rollback) return done(name, 'invalid', errorReply(error.userError, command, args));
      return done(name, 'failed', this.failed(error, name, actor));
    }
  }

  /** A bug or an outage: logged once, without what the person typed; they get the apology. */
  private failed(error: unknown, name: string, actor: Actor): Reply {
    this.deps.logger?.error(
      { err: safeError(error), command: name, platform: actor.platform },
      'command failed',
    );
    return APOLOGY;
  }

  private refuse(command: Command): Reply {
    const needed = command.roles.includes('mentor')
      ? 'mentor'
      : command.roles.includes('advisor')
        ? 'advisor'
        : 'coordinator';
    return errorReply({
      kind: 'forbidden',
      message: ROLE_REFUSALS[needed] ?? 'You cannot use that command.',
    });
  }

  private unknown(actor: Actor, word: string): Reply {
    const redirect = redirectFor(word);
    if (redirect) return { blocks: [{ type: 'text', lines: redirect }] };
    const names = this.commands.filter((c) => c.roles.includes(actor.role)).map((c) => c.name);
    const closest = closestCommand(word, names);
    const command = closest ? this.byPath.get(closest) : undefined;
    const lines: Line[] = [
      word ? ['I do not know the command ', user(word.slice(0, 40)), '.'] : ['Tell me what to do.'],
    ];
    if (command) lines.push(['Did you mean ', code(command.name), '? ', command.summary, '.']);
    lines.push(['Type ', code('help'), ' to see everything I can do.']);
    return {
      blocks: [
        { type: 'text', lines },
        ...(command
          ? [{ type: 'context' as const, lines: [['Usage: ', usageOf(signatureOf(command))]] }]
          : []),
      ],
    };
  }
}
