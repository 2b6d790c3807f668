/**
 * The command model: each subcommand is defined once (name, options, usage, roles, text grammar,
 * handler). Slack and console help, the text parser's dispatch and Discord's registration all
 * derive from the one list in `commands/index.ts`.
 */
import type { TryLimit } from './codeTries.js';
import type { Platform, Role } from './domain.js';
import type { ChannelDirectory, ChartRenderer, Organization, Person, Repos } from './ports.js';
import type { Reply } from './reply.js';
import type { Result } from './result.js';

/** The person behind a request, resolved by the adapter through `Rapport.identify`. */
export interface Actor {
  orgId: string;
  personId: string;
  role: Role;
  platform: Platform;
  /** The zone to read dates in: the person's, else the organization's. */
  timezone: string;
  displayName: string;
}

/** Raw named options: Discord delivers them typed; the text grammar produces the same names. */
export type RawArgs = Record<string, string | number | undefined>;

export interface CommandContext {
  actor: Actor;
  person: Person;
  org: Organization;
  now: Date;
  repos: Repos;
  /** Renders the digest's funnel chart to PNG (an edge service; absent in pure tests). */
  chart?: ChartRenderer;
  /** Looks channels up on their platform (`digest channel`); absent, no channel can be checked. */
  channels?: ChannelDirectory;
}

export type OptionType = 'string' | 'integer' | 'user';

export interface OptionSpec {
  /** Discord option name and the RawArgs key. Lowercase, no spaces. */
  name: string;
  type: OptionType;
  description: string;
  required?: boolean;
  choices?: readonly { name: string; value: string }[];
  /** Discord autocomplete source. */
  autocomplete?: 'contact' | 'student';
  minValue?: number;
  maxValue?: number;
}

/** Where a command sits on Discord: `/rapport`, `/mentor` or `/coordinator`, maybe in a group. */
export interface DiscordPlacement {
  command: 'rapport' | 'mentor' | 'coordinator';
  group?: string;
  subcommand: string;
}

export interface Command {
  /** The text-form path: `add`, or `settings tz` for a grouped one. */
  name: string;
  roles: readonly Role[];
  discord: DiscordPlacement;
  summary: string;
  /** Text form, e.g. `add <name> [at <org>] [as <role>] [via <source>]`. */
  usage: string;
  examples: readonly string[];
  /** Longer help shown by `help <command>`. */
  details?: readonly string[];
  options: readonly OptionSpec[];
  /**
   * For a command that checks a code someone could guess: the cap on wrong tries, and whether
   * these arguments are a try (`link K7Q2MX` is, `link` alone is not). See codeTries.ts.
   */
  tries?: { limit: TryLimit; counts(args: RawArgs): boolean };
  /** Text grammar: the words after the command name, into named options. */
  parse(text: string): Result<RawArgs>;
  run(ctx: CommandContext, args: RawArgs): Promise<Result<Reply>>;
}
