/**
 * Core's ChannelDirectory for Discord: the channel resource (`GET /channels/{id}`) carries the
 * `guild_id` of the server the channel is in (a DM has none). A channel the bot cannot see (403)
 * or that does not exist (404) is not found. Like the Notifier's, its REST client makes one
 * attempt per call.
 */
import { DiscordAPIError, Routes } from 'discord.js';
import type { ChannelDirectory, ChannelSpaces, ChannelTarget } from '../../core/notifier.js';
import { classify, oneAttemptRest } from './discordNotifier.js';

export interface DiscordChannelsOptions {
  token: string;
  /** Base of the REST API (DISCORD_API_URL), without `/v10`. */
  apiUrl?: string;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
}

export function createDiscordChannelDirectory(options: DiscordChannelsOptions): ChannelDirectory {
  const rest = oneAttemptRest(options);
  return {
    async spacesOf(target: ChannelTarget): Promise<ChannelSpaces> {
      try {
        const channel = (await rest.get(Routes.channel(target.channelId))) as { guild_id?: string | null };
        return { status: 'found', spaceIds: channel.guild_id ? [channel.guild_id] : [] };
      } catch (error) {
        if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) {
          return { status: 'not_found' };
        }
        const outcome = classify(error);
        return {
          status: 'unavailable',
          error: outcome.status === 'rate_limited' ? 'rate limited' : outcome.error,
        };
      }
    },
  };
}
