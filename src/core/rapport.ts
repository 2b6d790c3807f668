/**
 * The facade the adapters call. It resolves who is asking, finds the command in the one list,
 * runs it in one transaction (rolled back when the command answers with an error), and turns
 * every outcome into a Reply. Exceptions are caught here, once, logged without what the person
 * typed, and the person sees a short apology.
 */

import { runAction } from './actions.js';
import type { AutocompleteChoice, RapportApi } from './api.js';
import type { Actor, Command, CommandContext, RawArgs } from './command.js';
import { type CommandObserver, type CommandWatch, watchCommand } from './commandObserver.js';
import { COMMANDS, commandMap } from './commands/index.js';
import type { Platform } from './domain.js';
import { foldName } from './grammar/contactRef.js';
import { closestCommand, splitSubcommand } from './grammar/subcommands.js';
import { replanPerson } from './pipeline/replan.js';
import type { ChartRenderer, Clock, IdentityInput, Store } from './ports.js';
import { type ActionId, code, type Line, type Reply, user } from './reply.js';
import type { UserError } from './result.js';
import { safeError } from './safeError.js';
import { homeView } from './views/homeView.js';
import { usageFor } from './views/usage.js';

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
  /** Told how every dispatched command ended (the bot counts them for /metrics). */
  observer?: CommandObserver;
}

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

/** A person's mistake as a reply: the sentence, any pick-list, and the usage for their platform. */
export function errorReply(error: UserError, platform: Platform = 'console', command?: Command): Reply {
  const lines: Line[] = [[error.message]];
  for (const d of error.detail ?? []) lines.push(d);
  const usage = error.usage || command ? usageFor(platform, command, error.usage) : undefined;
  return {
    blocks: [
      { type: 'text', lines },
      ...(usage ? [{ type: 'context' as const, lines: [['Usage: ', code(usage)]] }] : []),
    ],
  };
}

const ROLE_REFUSALS: Record<string, string> = {
  mentor: 'Only mentors (and coordinators) can use that command. A coordinator can give you the mentor role.',
  coordinator: 'Only coordinators can use that command.',
};

export class Rapport implements RapportApi {
  readonly commands: readonly Command[];
  private readonly byName: Map<string, Command>;

  constructor(private readonly deps: RapportDeps) {
    this.commands = COMMANDS;
    this.byName = commandMap(this.commands);
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
    // Nearly every request comes from someone seen before: one read, no transaction around it.
    const known = await this.deps.store.direct((repos) => repos.directory.resolveKnown(input, defaults));
    const { org, person } =
      known ??
      (await this.deps.store.transaction(async (repos) => {
        const found = await repos.directory.resolve(input, defaults);
        // A newcomer's weekly pipeline reminder starts now.
        if (found.created) await replanPerson({ repos, person: found.person, org: found.org, now });
        return found;
      }));
    return {
      orgId: org.id,
      personId: person.id,
      role: person.role,
      platform: input.platform,
      timezone: person.timezone ?? org.timezone,
      displayName: person.displayName,
    };
  }

  async runText(actor: Actor, text: string): Promise<Reply> {
    const done = this.watch(actor);
    const input = text.replace(/^\s*\/?rapport\b/i, '').trim();
    const { path, rest } = splitSubcommand(input || 'help');
    const command = this.byName.get(path);
    if (!command) return done('unknown', 'unknown', this.unknown(actor, path));
    if (!command.roles.includes(actor.role)) return done(command.name, 'forbidden', this.refuse(command));
    const parsed = command.parse(rest);
    if (!parsed.ok) return done(command.name, 'invalid', errorReply(parsed.error, actor.platform, command));
    return this.execute(actor, command, parsed.value, done);
  }

  async runOptions(
    actor: Actor,
    path: { command: string; group?: string; subcommand: string },
    options: RawArgs,
  ): Promise<Reply> {
    const done = this.watch(actor);
    const command = this.commands.find(
      (c) =>
        c.discord.command === path.command &&
        c.discord.subcommand === path.subcommand &&
        (c.discord.group ?? undefined) === (path.group ?? undefined),
    );
    const typed = [path.group, path.subcommand].filter(Boolean).join(' ');
    if (!command) return done('unknown', 'unknown', this.unknown(actor, typed));
    if (!command.roles.includes(actor.role)) return done(command.name, 'forbidden', this.refuse(command));
    return this.execute(actor, command, options, done);
  }

  async runAction(actor: Actor, action: ActionId, value: string): Promise<Reply> {
    const done = this.watch(actor);
    return this.inTransaction(actor, undefined, 'button', done, (ctx) =>
      runAction(ctx, this.byName, action, value),
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
    const done = this.watch(actor);
    return this.inTransaction(actor, undefined, 'home', done, async (ctx) => ({
      ok: true,
      value: await homeView(ctx),
    }));
  }

  private async execute(actor: Actor, command: Command, args: RawArgs, done: CommandWatch): Promise<Reply> {
    return this.inTransaction(actor, command, command.name, done, (ctx) => command.run(ctx, args));
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
  ): Promise<Reply> {
    const now = this.deps.clock.now();
    try {
      const reply = await this.deps.store.transaction(async (repos) => {
        // Both reads go out at once: on PostgreSQL they share one round trip.
        const [person, org] = await Promise.all([
          repos.persons.getById(actor.orgId, actor.personId),
          repos.directory.getOrganization(actor.orgId),
        ]);
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
          actor: { ...actor, role: fresh.role },
          person: fresh,
          org,
          now,
          repos,
          ...(this.deps.chart ? { chart: this.deps.chart } : {}),
        });
        if (!result.ok) throw new Rollback(result.error);
        return result.value;
      });
      return done(name, 'ok', reply);
    } catch (error) {
      if (error instanceof Rollback)
        return done(name, 'invalid', errorReply(error.userError, actor.platform, command));
      this.deps.logger?.error(
        { err: safeError(error), command: name, platform: actor.platform },
        'command failed',
      );
      return done(name, 'failed', APOLOGY);
    }
  }

  private refuse(command: Command): Reply {
    const needed = command.roles.includes('mentor') ? 'mentor' : 'coordinator';
    return errorReply({
      kind: 'forbidden',
      message: ROLE_REFUSALS[needed] ?? 'You cannot use that command.',
    });
  }

  private unknown(actor: Actor, word: string): Reply {
    const names = this.commands.filter((c) => c.roles.includes(actor.role)).map((c) => c.name);
    const closest = closestCommand(word, names);
    const command = closest ? this.byName.get(closest) : undefined;
    const lines: Line[] = [
      word ? ['I do not know the command ', user(word.slice(0, 40)), '.'] : ['Tell me what to do.'],
    ];
    if (command) lines.push(['Did you mean ', code(command.name), '? ', command.summary, '.']);
    lines.push(['Type ', code('help'), ' to see everything I can do.']);
    return {
      blocks: [
        { type: 'text', lines },
        ...(command
          ? [{ type: 'context' as const, lines: [['Usage: ', code(usageFor(actor.platform, command)!)]] }]
          : []),
      ],
    };
  }
}
