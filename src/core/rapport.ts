/**
 * The facade the adapters call. It resolves who is asking (identify.ts), finds the command in the
 * one list, and runs it in one transaction (commandTransaction.ts), which turns every outcome into
 * a Reply; the replies dispatch gives on its own are in dispatchReplies.ts.
 */

import { ACTION_FORMS, runAction } from './actions.js';
import type { AutocompleteChoice, RapportApi } from './api.js';
import { autocompleteChoices } from './autocomplete.js';
import { takeTry } from './codeTries.js';
import type { Actor, Command, RawArgs } from './command.js';
import { type CommandWatch, watchCommand } from './commandObserver.js';
import { runCommand } from './commandRepos.js';
import { COMMANDS, commandMap } from './commands/index.js';
import { type CommandRun, failed, runInTransaction } from './commandTransaction.js';
import { errorReply, refusal, unknownReply } from './dispatchReplies.js';
import type { Platform } from './domain.js';
import { asksForHelp } from './grammar/everydayWords.js';
import { splitSubcommand } from './grammar/subcommands.js';
import { identifyClicker, identifyPerson } from './identify.js';
import type { IdentityInput, Organization, Person } from './people/peoplePorts.js';
import type { RapportDeps } from './rapportDeps.js';
import type { ActionId, Reply } from './reply.js';
import type { Result } from './result.js';
import { safeError } from './safeError.js';
import { homeView } from './views/homeView.js';

export { errorReply } from './dispatchReplies.js';
export type { CoordinatorSpec, CoreLogger, RapportDeps } from './rapportDeps.js';

/** How long after identify its rows stand for the person's current ones. */
const JUST_IDENTIFIED_MS = 1000;

export class Rapport implements RapportApi {
  readonly commands: readonly Command[];
  /** Every text-form path (names and aliases) to its command. */
  private readonly byPath: Map<string, Command>;
  private readonly paths: ReadonlySet<string>;
  /**
   * The rows `identify` read, by the Actor it returned, for the one command the adapter runs with
   * it at once (an adapter identifies right before each command): that command then starts without
   * reading them again. Taken by the first use, and only within JUST_IDENTIFIED_MS; an actor held
   * across commands (the console's) reads them afresh each time after that.
   */
  private readonly justIdentified = new WeakMap<Actor, { org: Organization; person: Person; at: number }>();

  constructor(private readonly deps: RapportDeps) {
    this.commands = COMMANDS;
    this.byPath = commandMap(this.commands);
    this.paths = new Set(this.byPath.keys());
  }

  async identify(input: IdentityInput): Promise<Actor> {
    const { actor, org, person } = await identifyPerson(this.deps, input);
    this.justIdentified.set(actor, { org, person, at: this.deps.clock.now().getTime() });
    return actor;
  }

  /** The rows identify read for this actor, if it did so just now; never twice. */
  private loaded(actor: Actor): { org: Organization; person: Person } | undefined {
    const rows = this.justIdentified.get(actor);
    if (!rows) return undefined;
    this.justIdentified.delete(actor);
    const age = this.deps.clock.now().getTime() - rows.at;
    return age >= 0 && age <= JUST_IDENTIFIED_MS ? { org: rows.org, person: rows.person } : undefined;
  }

  identifyClick(
    who: { platform: Platform; externalUserId: string },
    action: ActionId,
    value: string,
  ): Promise<Actor | null> {
    return identifyClicker(this.deps, who, action, value);
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
    const loaded = this.loaded(actor);
    const done = this.watch(actor);
    const { path, rest, command } = this.find(text);
    if (!command) return done('unknown', 'unknown', this.unknown(actor, path));
    if (!command.roles.includes(actor.role)) return done(command.name, 'forbidden', refusal(command));
    const parsed = command.parse(rest);
    if (!parsed.ok) return done(command.name, 'invalid', errorReply(parsed.error, command));
    return this.execute(actor, command, parsed.value, done, loaded);
  }

  async runOptions(actor: Actor, name: string, options: RawArgs): Promise<Reply> {
    const loaded = this.loaded(actor);
    const done = this.watch(actor);
    const command = this.byPath.get(name);
    if (!command) return done('unknown', 'unknown', this.unknown(actor, name));
    if (!command.roles.includes(actor.role)) return done(command.name, 'forbidden', refusal(command));
    return this.execute(actor, command, options, done, loaded);
  }

  async runAction(actor: Actor, action: ActionId, value: string): Promise<Reply> {
    const run: CommandRun = {
      actor,
      command: undefined,
      name: 'button',
      done: this.watch(actor),
      loaded: this.loaded(actor),
    };
    return runInTransaction(this.deps, run, (ctx) => runAction(ctx, this.byPath, action, value));
  }

  autocomplete(actor: Actor, source: 'contact' | 'student', partial: string): Promise<AutocompleteChoice[]> {
    return autocompleteChoices(this.deps, actor, source, partial);
  }

  async home(actor: Actor): Promise<Reply> {
    const run: CommandRun = {
      actor,
      command: undefined,
      name: 'home',
      done: this.watch(actor),
      loaded: this.loaded(actor),
    };
    return runInTransaction(this.deps, run, async (ctx) => ({ ok: true, value: await homeView(ctx) }));
  }

  private async execute(
    actor: Actor,
    command: Command,
    args: RawArgs,
    done: CommandWatch,
    loaded: CommandRun['loaded'],
  ): Promise<Reply> {
    const { name } = command;
    const run: CommandRun = { actor, command, name, done, args, loaded };
    if (!command.tries?.counts(args))
      return runInTransaction(this.deps, run, (ctx) => runCommand(command, ctx, args));
    // The try is counted before, and outside, the command's transaction: a wrong code rolls that
    // transaction back, and the try must stay counted (see codeTries.ts).
    const limit = command.tries.limit;
    let taken: Result<string>;
    try {
      taken = await this.deps.store.direct((repos) =>
        takeTry(repos.codeTries, limit, actor, this.deps.clock.now()),
      );
    } catch (error) {
      return done(name, 'failed', failed(this.deps, error, name, actor));
    }
    if (!taken.ok) return done(name, 'invalid', errorReply(taken.error, command));
    return runInTransaction(this.deps, { ...run, args: undefined }, async (ctx) => {
      const result = await runCommand(command, ctx, args);
      // A code that worked is no wrong try; this commits with what the code unlocked. The facade's
      // own work: `ctx` holds every repository, the command saw only those it declares.
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

  private unknown(actor: Actor, word: string): Reply {
    return unknownReply(this.commands, this.byPath, actor, word);
  }
}
