/**
 * What the adapters (console, Slack, Discord) call. Every method answers with a Reply, never
 * throws for anything a person did; an unexpected failure becomes a short apology and is logged
 * once where the command was dispatched.
 */
import type { Actor, Command, RawArgs } from './command.js';
import type { Platform } from './domain.js';
import type { IdentityInput } from './people/peoplePorts.js';
import type { ActionId, Reply } from './reply.js';

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface RapportApi {
  readonly commands: readonly Command[];
  /** Finds or creates the organization, person and identity behind a request. */
  identify(input: IdentityInput): Promise<Actor>;
  /**
   * The person behind a button clicked outside any space (a DM on Discord), found through the row
   * the button refers to, never through anything else the click carries; null when that row is
   * gone or is not theirs. It only reads: nobody and nothing is created.
   */
  identifyClick(
    who: { platform: Platform; externalUserId: string },
    action: ActionId,
    value: string,
  ): Promise<Actor | null>;
  /** The Slack/console text form: everything after `/rapport`. */
  runText(actor: Actor, text: string): Promise<Reply>;
  /** A command by name with its typed options (already named as in Command.options): Discord, forms. */
  runOptions(actor: Actor, name: string, options: RawArgs): Promise<Reply>;
  /** The command whose form a text opens: a command that has one, typed with nothing after it. */
  formFor(text: string): Command | undefined;
  /** The form a button opens where forms exist, with the option its value fills. */
  formForAction(action: ActionId, value: string): { command: Command; prefill: RawArgs } | undefined;
  /** A button click. */
  runAction(actor: Actor, action: ActionId, value: string): Promise<Reply>;
  autocomplete(actor: Actor, source: 'contact' | 'student', partial: string): Promise<AutocompleteChoice[]>;
  /** The person's home view (Slack App Home): pipeline, next steps, upcoming meetings. */
  home(actor: Actor): Promise<Reply>;
}
