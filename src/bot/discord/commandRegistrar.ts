/**
 * Registers Rapport's slash commands with Discord: one PUT of the whole list, to a guild (instant,
 * for a community server or testing) when a guild id is given, else globally.
 */
import { REST } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Command } from '../../core/command.js';
import { buildCatalogue, registrationRoute } from './registration.js';
import { discordRestAgent } from './restAgent.js';

/**
 * Every command Rapport serves: the core list plus the mentor and coordinator commands that are
 * handed to Rapport as extras (the coordinator ones take a chart renderer, which registration does
 * not need). A command already in the core list is not added twice.
 */

export interface RegistrationSummary {
  scope: { kind: 'guild'; guildId: string } | { kind: 'global' };
  /** Each registered command with its subcommand paths, e.g. `/coordinator digest at`. */
  commands: { name: string; id: string; paths: string[]; userMenu?: boolean }[];
}

interface RegisteredOption {
  type: number;
  name: string;
  options?: RegisteredOption[];
}

function pathsOf(name: string, options: readonly RegisteredOption[] = []): string[] {
  return options.flatMap((option) =>
    option.type === 2
      ? (option.options ?? []).map((sub) => `/${name} ${option.name} ${sub.name}`)
      : option.type === 1
        ? [`/${name} ${option.name}`]
        : [],
  );
}

export async function registerCommands(
  discord: Pick<DiscordConfig, 'token' | 'appId' | 'apiUrl' | 'guildId'>,
  commands: readonly Command[],
): Promise<RegistrationSummary> {
  const body = buildCatalogue(commands);
  const rest = new REST({
    agent: discordRestAgent(),
    ...(discord.apiUrl ? { api: discord.apiUrl } : {}),
  }).setToken(discord.token);
  const registered = (await rest.put(registrationRoute(discord.appId, discord.guildId), { body })) as {
    id: string;
    name: string;
    type?: number;
    options?: RegisteredOption[];
  }[];
  return {
    scope: discord.guildId ? { kind: 'guild', guildId: discord.guildId } : { kind: 'global' },
    commands: registered.map((command) => ({
      name: command.name,
      id: command.id,
      paths: pathsOf(command.name, command.options),
      // Type 2: a user context-menu command, shown in the Apps menu on a member.
      ...(command.type === 2 ? { userMenu: true } : {}),
    })),
  };
}

/** What `npm run discord:register` prints. */
export function describeRegistration(summary: RegistrationSummary): string {
  const where =
    summary.scope.kind === 'guild'
      ? `in the server ${summary.scope.guildId} (available at once)`
      : 'globally (Discord can take up to an hour to show them everywhere)';
  const count = summary.commands.length;
  const lines = [`Registered ${count} Discord ${count === 1 ? 'command' : 'commands'} ${where}:`];
  for (const command of summary.commands) {
    if (command.userMenu) {
      lines.push(`  "${command.name}" (Apps menu on a member)`);
      continue;
    }
    lines.push(`  /${command.name} (${command.paths.length} subcommands)`);
    for (const path of command.paths) lines.push(`    ${path}`);
  }
  return lines.join('\n');
}
