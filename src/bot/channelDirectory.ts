/**
 * The ChannelDirectory core is given: one per platform the configuration names, behind one
 * object that picks by the channel's platform. A platform that is not connected cannot vouch for
 * any channel. The console has one space and no real channels: a name typed there stands for a
 * channel of it.
 */
import type { Config } from '../config.js';
import type { Platform } from '../core/domain.js';
import type { ChannelDirectory } from '../core/notifier.js';
import { CONSOLE_IDENTITY } from './console/consoleAdapter.js';
import { createDiscordChannelDirectory } from './discord/discordChannels.js';
import type { Logger } from './logger.js';
import { createSlackChannelDirectory } from './slack/slackChannels.js';

/** One directory over several platforms'. */
export function channelDirectoryByPlatform(
  parts: Partial<Record<Platform, ChannelDirectory>>,
): ChannelDirectory {
  return {
    spacesOf: (target) =>
      parts[target.platform]?.spacesOf(target) ??
      Promise.resolve({ status: 'unavailable', error: `no ${target.platform} connection` }),
  };
}

const consoleChannels: ChannelDirectory = {
  spacesOf: async () => ({ status: 'found', spaceIds: [CONSOLE_IDENTITY.spaceExternalId] }),
};

export function channelDirectoryFromConfig(config: Config, logger: Logger): ChannelDirectory {
  return channelDirectoryByPlatform({
    console: consoleChannels,
    ...(config.slack
      ? {
          slack: createSlackChannelDirectory({
            botToken: config.slack.botToken,
            apiUrl: config.slack.apiUrl,
            logger,
          }),
        }
      : {}),
    ...(config.discord
      ? {
          discord: createDiscordChannelDirectory({
            token: config.discord.token,
            ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
          }),
        }
      : {}),
  });
}
