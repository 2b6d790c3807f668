/**
 * Where each command sits on Discord, and how its usage reads there. Discord allows 25
 * subcommands per command, so the mentor's commands live under `/mentor` and the coordinator's
 * under `/coordinator`; a two-word command (`settings tz`) is a subcommand group and its
 * subcommand; a one-word command that also names a group (`settings`) is that group's `show`.
 * Core knows none of this: it files each command under an audience.
 */
import type { Command } from '../../core/command.js';
import { COMMANDS } from '../../core/commands/index.js';
import type { Audience } from '../../core/domain.js';
import type { CommandSignature } from '../../core/reply.js';
import { type CommandPath, pathKey } from './commandPath.js';

export type TopLevel = 'rapport' | 'mentor' | 'coordinator';

/** Where a command is registered: `/rapport`, `/mentor` or `/coordinator`, maybe in a group. */
export interface DiscordPlacement {
  command: TopLevel;
  group?: string;
  subcommand: string;
}

const TOP_LEVEL: Record<Audience, TopLevel> = {
  student: 'rapport',
  mentor: 'mentor',
  coordinator: 'coordinator',
};

/** The subcommand a one-word command takes when its word also names a group. */
const GROUP_DEFAULT = 'show';

/**
 * The placement of one command. `groups` is every first word of a two-word command of the same
 * audience, so that `settings` (beside `settings tz`) becomes `/rapport settings show`.
 */
export function placementOf(
  command: Pick<Command, 'name' | 'audience'>,
  groups: ReadonlySet<string> = new Set(),
): DiscordPlacement {
  const top = TOP_LEVEL[command.audience];
  const [first = '', second] = command.name.split(' ');
  if (second) return { command: top, group: first, subcommand: second };
  if (groups.has(first)) return { command: top, group: first, subcommand: GROUP_DEFAULT };
  return { command: top, subcommand: first };
}

/** The groups of each top-level command, from the two-word command names. */
function groupsOf(commands: readonly Pick<Command, 'name' | 'audience'>[]): Map<TopLevel, Set<string>> {
  const groups = new Map<TopLevel, Set<string>>();
  for (const command of commands) {
    const [first, second] = command.name.split(' ');
    if (!first || !second) continue;
    const top = TOP_LEVEL[command.audience];
    groups.set(top, (groups.get(top) ?? new Set()).add(first));
  }
  return groups;
}

export { pathKey };

/** Every command's placement, with the lookup from a Discord path back to the command. */
export interface Placements<C extends Pick<Command, 'name' | 'audience'>> {
  of(command: Pick<Command, 'name' | 'audience'>): DiscordPlacement;
  /** The command at a Discord path, if any. */
  at(path: CommandPath): C | undefined;
  readonly entries: readonly { command: C; placement: DiscordPlacement }[];
}

export function placeCommands<C extends Pick<Command, 'name' | 'audience'>>(
  commands: readonly C[],
): Placements<C> {
  const groups = groupsOf(commands);
  const of = (command: Pick<Command, 'name' | 'audience'>) =>
    placementOf(command, groups.get(TOP_LEVEL[command.audience]));
  const entries = commands.map((command) => ({ command, placement: of(command) }));
  const byPath = new Map(entries.map((entry) => [pathKey(entry.placement), entry.command]));
  return { of, at: (path) => byPath.get(pathKey(path)), entries };
}

/** The paths of the commands that open a form when run with no options (discordForms.ts). */
export function formPaths(commands: readonly Pick<Command, 'name' | 'audience' | 'form'>[]): string[] {
  return placeCommands(commands)
    .entries.filter((entry) => entry.command.form !== undefined)
    .map((entry) => pathKey(entry.placement));
}

/** Where Rapport's own commands sit. */
export const PLACEMENTS: Placements<Command> = placeCommands(COMMANDS);

/**
 * A command's usage on Discord: the slash command with its options, `/mentor log student:
 * [date:] [minutes:] [topics:]`.
 */
export function discordUsage(signature: CommandSignature): string {
  const d = PLACEMENTS.of(signature);
  const path = [d.command, d.group, d.subcommand].filter(Boolean).join(' ');
  const options = signature.options.map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`));
  return [`/${path}`, ...options].join(' ');
}
