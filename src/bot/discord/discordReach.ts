/**
 * Discord's part of platforms.ts, loaded only when Discord is configured: the Notifier and the
 * channel lookups, over REST with the bot's token (the same whether interactions come through
 * the gateway or over HTTP).
 */
import type { DiscordConfig } from '../../configDiscord.js';
import type { Logger } from '../logger.js';
import type { PlatformReach } from '../platforms.js';
import { createDiscordChannelDirectory } from './discordChannels.js';
import { DiscordNotifier } from './discordNotifier.js';

export function discordReach(discord: DiscordConfig, logger: Logger): PlatformReach {
  const apiUrl = discord.apiUrl ? { apiUrl: discord.apiUrl } : {};
  return {
    notifier: new DiscordNotifier({ token: discord.token, logger, ...apiUrl }),
    channels: createDiscordChannelDirectory({ token: discord.token, ...apiUrl }),
  };
}
