/**
 * How a command's usage reads on each platform: the text form on Slack and the console
 * (`/rapport add <name> [at <org>]`), the slash command with its options on Discord
 * (`/mentor log student: [date:] [minutes:] [topics:]`), where mentor and coordinator commands
 * live under their own names.
 */
import type { Command } from '../command.js';
import type { Platform } from '../domain.js';

export function discordUsage(command: Command): string {
  const d = command.discord;
  const path = [d.command, d.group, d.subcommand].filter(Boolean).join(' ');
  const options = command.options.map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`));
  return [`/${path}`, ...options].join(' ');
}

/** The usage line for an error or help entry; `textUsage` overrides the command's own text form. */
export function usageFor(
  platform: Platform,
  command: Command | undefined,
  textUsage?: string,
): string | undefined {
  if (platform === 'discord' && command) return discordUsage(command);
  const text = textUsage ?? command?.usage;
  return text ? `/rapport ${text}` : undefined;
}
