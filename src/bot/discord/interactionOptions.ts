/**
 * Reading a slash command the way core wants it: the command path (`/coordinator digest at`) and
 * its options by name, typed as Discord delivered them (a user option is the user's id, an
 * integer a number).
 */
import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import type { RawArgs } from '../../core/command.js';
import { type CommandPath, subcommandOf } from './commandPath.js';

export type { CommandPath };

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

/** `<@id|name>` from a user option and its resolved member or user (name without `|` or `>`). */
function userMention(option: CommandInteractionOption): string {
  const id = String(option.value);
  const member = option.member;
  const name =
    (member && 'displayName' in member ? member.displayName : member?.nick) ??
    option.user?.globalName ??
    option.user?.username;
  const clean = name?.replace(/[|>\n]/g, ' ').trim();
  return clean ? `<@${id}|${clean}>` : `<@${id}>`;
}

/** The leaf options of a chat-input or autocomplete interaction, and the path to them. */
export function readCommand(
  commandName: string,
  data: readonly CommandInteractionOption[],
): ReadCommand | null {
  const read = subcommandOf(commandName, data);
  if (!read) return null;
  const options: RawArgs = {};
  let focused: ReadCommand['focused'];
  for (const option of read.given) {
    if (NESTING.has(option.type) || option.value === undefined) continue;
    // Discord sends user, channel and role options as their id; booleans are not used by core.
    // A user option reads as a mention carrying the resolved user's name, so that core can set up
    // someone who has never used Rapport under the name their server shows.
    options[option.name] =
      option.type === ApplicationCommandOptionType.User
        ? userMention(option)
        : typeof option.value === 'boolean'
          ? String(option.value)
          : option.value;
    if (option.focused) focused = { name: option.name, value: String(option.value) };
  }
  const { path } = read;
  return focused ? { path, options, focused } : { path, options };
}
