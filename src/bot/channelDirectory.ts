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
import { slackSendOptions } from './slack/slackInstall.js';

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

/**
 * `slackTokenFor` serves the Add to Slack install (config.slackOAuth): the token of each
 * workspace; without it Slack is reached with SLACK_BOT_TOKEN when that is set.
 */
export function channelDirectoryFromConfig(
  config: Config,
  logger: Logger,
  slackTokenFor?: (teamId: string) => Promise<string>,
): ChannelDirectory {
  const slack = slackSendOptions(config, logger, slackTokenFor);
  return channelDirectoryByPlatform({
    console: consoleChannels,
    ...(slack ? { slack: createSlackChannelDirectory(slack) } : {}),
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
