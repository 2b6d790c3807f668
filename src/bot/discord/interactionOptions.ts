/**
 * Reading a slash command the way core wants it: the command path (`/coordinator digest at`) and
 * its options by name, typed as Discord delivered them (a user option is the user's id, an
 * integer a number).
 */
import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import type { RawArgs } from '../../core/command.js';

export interface CommandPath {
  command: string;
  group?: string;
  subcommand: string;
}

export interface ReadCommand {
  path: CommandPath;
  options: RawArgs;
  /** The option being typed, for autocomplete. */
  focused?: { name: string; value: string };
}

const NESTING = new Set([
  ApplicationCommandOptionType.SubcommandGroup,
  ApplicationCommandOptionType.Subcommand,
]);

/** The leaf options of a chat-input or autocomplete interaction, and the path to them. */
export function readCommand(
  commandName: string,
  data: readonly CommandInteractionOption[],
): ReadCommand | null {
  let group: string | undefined;
  let leaves = data;
  const [first] = data;
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    group = first.name;
    leaves = first.options ?? [];
  }
  const [sub] = leaves;
  if (sub?.type !== ApplicationCommandOptionType.Subcommand) return null;
  const options: RawArgs = {};
  let focused: ReadCommand['focused'];
  for (const option of sub.options ?? []) {
    if (NESTING.has(option.type) || option.value === undefined) continue;
    // Discord sends user, channel and role options as their id; booleans are not used by core.
    options[option.name] = typeof option.value === 'boolean' ? String(option.value) : option.value;
    if (option.focused) focused = { name: option.name, value: String(option.value) };
  }
  const path: CommandPath = group
    ? { command: commandName, group, subcommand: sub.name }
    : { command: commandName, subcommand: sub.name };
  return focused ? { path, options, focused } : { path, options };
}
