/**
 * The command model: each subcommand is defined once, as one `Command` made by `defineCommand`
 * (name, audience, roles, options, text grammar, usage, examples, the repositories it uses,
 * handler). Dispatch, help, usage lines, forms (Slack's modal) and Discord's registration all
 * derive from the one explicit list in `commands/index.ts`; no other table repeats a name, a usage
 * or an option.
 */
import type { TryLimit } from './codeTries.js';
import type { ChartRenderer } from './digest/digestPorts.js';
import type { Audience, Platform, Role } from './domain.js';
import type { ChannelDirectory } from './notifier.js';
import type { Organization, Person } from './people/peoplePorts.js';
import type { ReferenceSyntax } from './references.js';
import type { CommandSignature, Reply } from './reply.js';
import type { Result } from './result.js';
import type { Repos } from './store.js';

/** The person behind a request, resolved by the adapter through `Rapport.identify`. */
export interface Actor {
  orgId: string;
  personId: string;
  role: Role;
  platform: Platform;
  /**
   * The Slack team or Discord guild the request came from (absent for a button clicked in a DM):
   * someone a command names before they have used Rapport is added to this space.
   */
  spaceExternalId?: string;
  /** The zone to read dates in: the person's, else the organization's. */
  timezone: string;
  /** The person's locale, when a platform told us: how numeric dates are read. */
  locale?: string | null;
  displayName: string;
}

/** Raw named options: Discord delivers them typed; the text grammar produces the same names. */
export type RawArgs = Record<string, string | number | undefined>;

/**
 * What a command runs with. `K` names the repositories it may reach: a command receives only those
 * it declares in `uses`, and a helper declares the few it needs (`CommandContext<'contacts'>`, or
 * `CommandContext<never>` for one that reads only the actor, the clock or the organization).
 */
export interface CommandContext<K extends keyof Repos = keyof Repos> {
  actor: Actor;
  person: Person;
  org: Organization;
  now: Date;
  /** Only the repositories of `K`; reaching another one at run time throws (commandRepos.ts). */
  repos: Pick<Repos, K>;
  /** Renders the digest's funnel chart to PNG (an edge service; absent in pure tests). */
  chart?: ChartRenderer;
  /** Looks channels up on their platform (`digest channel`); absent, no channel can be checked. */
  channels?: ChannelDirectory;
  /** How the actor's platform writes people and channels in text (mentions, ids). */
  references: ReferenceSyntax;
}

export type OptionType = 'string' | 'integer' | 'user';

export interface OptionSpec {
  /** The option's name on every platform and its RawArgs key. Lowercase, no spaces. */
  name: string;
  type: OptionType;
  description: string;
  /** A short field label for forms ("Organization"); defaults to the name, capitalized. */
  label?: string;
  /** An example shown inside an empty form field ("Jane Doe"). */
  placeholder?: string;
  /** What a form asks for when this required option is left empty ("the name of the person to add"). */
  prompt?: string;
  required?: boolean;
  choices?: readonly { name: string; value: string }[];
  /** Where suggestions come from while the person types (Discord's autocomplete). */
  autocomplete?: 'contact' | 'student';
  minValue?: number;
  maxValue?: number;
  /** Longest text a form accepts for this option. */
  maxLength?: number;
  /** A form shows this option as several lines. */
  multiline?: boolean;
}

/**
 * One subcommand. `K` is the repositories its run path touches, helpers included, as listed in
 * `uses`: `defineCommand` infers it from that list, so reaching any other one is a compile error.
 */
export interface Command<K extends keyof Repos = keyof Repos> {
  /** The text-form path: `add`, or `settings tz` for a two-word one. */
  name: string;
  /** Other text-form paths that run this command (a bare `digest` is `digest preview`). */
  aliases?: readonly string[];
  /** Whom the command is for: its help section, and where a platform files it. */
  audience: Audience;
  roles: readonly Role[];
  summary: string;
  /** Text form, e.g. `add <name> [at <org>] [as <role>] [via <source>]`: shown with every error. */
  usage: string;
  examples: readonly string[];
  /** Longer help shown by `help <command>`. */
  details?: readonly string[];
  options: readonly OptionSpec[];
  /** When typed with nothing after its name, platforms that have forms open one (Slack's modal). */
  form?: { title: string; submit: string };
  /**
   * For a command that checks a code someone could guess: the cap on wrong tries, and whether
   * these arguments are a try (`link K7Q2MX` is, `link` alone is not). See codeTries.ts.
   */
  tries?: { limit: TryLimit; counts(args: RawArgs): boolean };
  /**
   * The command only reads (what it writes, if anything, is one statement that stands alone):
   * it runs without a transaction, each statement on its own. See commandTransaction.ts.
   */
  readOnly?: boolean;
  /** Text grammar: the words after the command name, into named options. */
  parse(text: string): Result<RawArgs>;
  /** The repositories `run` may reach; it receives these and no others. */
  uses: readonly K[];
  /**
   * The handler. A property, not a method, so that its context is checked strictly; `NoInfer`
   * keeps `K` inferred from `uses` alone, never widened by an annotated `ctx`.
   */
  run: (ctx: CommandContext<NoInfer<K>>, args: RawArgs) => Promise<Result<Reply>>;
}

/** What a reply needs to name a command so that each platform can spell its usage. */
export function signatureOf(command: Command): CommandSignature {
  return {
    name: command.name,
    audience: command.audience,
    usage: command.usage,
    options: command.options.map((o) => (o.required ? { name: o.name, required: true } : { name: o.name })),
  };
}
