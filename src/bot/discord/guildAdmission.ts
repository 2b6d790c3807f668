/**
 * Which servers Rapport serves when interactions come over HTTP. Over the gateway the bot only
 * hears from servers it was added to; over HTTP any server where someone installed the app's
 * commands can post, so a server is served only when the bot is a member of it (Discord answers
 * `GET /guilds/{id}` for the bot's own servers, 403 or 404 for the others). Anything else is told
 * so in one sentence and nothing is stored. The answer, with the server's name for its
 * organization, is kept for the life of the process; a refusal is not, so adding the bot later
 * works at once. One lookup per server at a time, however many interactions arrive together.
 */
import { DiscordAPIError, Routes } from 'discord.js';
import type { Logger } from '../logger.js';
import { oneAttemptRest } from './discordNotifier.js';

export type Admission = 'served' | 'unknown' | 'unavailable';

export interface GuildAdmission {
  admit(guildId: string): Promise<Admission>;
  /** The server's name, once it has been admitted. */
  nameOf(guildId: string): string | undefined;
}

export function createGuildAdmission(options: {
  token: string;
  apiUrl?: string;
  logger: Pick<Logger, 'warn'>;
}): GuildAdmission {
  const rest = oneAttemptRest({
    token: options.token,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    timeoutMs: 2000,
  });
  const names = new Map<string, string>();
  const lookups = new Map<string, Promise<Admission>>();

  const lookUp = async (guildId: string): Promise<Admission> => {
    try {
      const guild = (await rest.get(Routes.guild(guildId))) as { name?: string };
      names.set(guildId, guild.name ?? '');
      return 'served';
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404))
        return 'unknown';
      options.logger.warn({ err: error, guildId }, 'Could not ask Discord whether the bot is in a server');
      return 'unavailable';
    }
  };

  return {
    admit(guildId) {
      if (names.has(guildId)) return Promise.resolve('served');
      const running = lookups.get(guildId);
      if (running) return running;
      const lookup = lookUp(guildId).finally(() => lookups.delete(guildId));
      lookups.set(guildId, lookup);
      return lookup;
    },
    nameOf: (guildId) => names.get(guildId) || undefined,
  };
}
