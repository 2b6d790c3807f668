/**
 * How a process reaches the platforms outside a command: the worker's Notifiers (nudges,
 * digests), the ChannelDirectory core is given (the coordinator's digest channel), and the Add to
 * Slack install when SLACK_CLIENT_ID is set. `npm start` and `npm run worker` both build it here.
 *
 * Each platform's modules are loaded only when the configuration names it: a replica that serves
 * Discord alone never loads @slack/bolt and @slack/oauth (about 12 MB of resident memory), and one
 * that serves Slack alone never loads discord.js's REST and structures.
 */
import type { Config } from '../config.js';
import type { Platform } from '../core/domain.js';
import type { ChannelDirectory, Notifier } from '../core/notifier.js';
import type { Db } from '../db/engine.js';
import { channelDirectoryByPlatform, consoleChannels } from './channelDirectory.js';
import type { Logger } from './logger.js';
import type { SlackInstall } from './slack/slackInstall.js';

/** How one platform is reached outside a command. */
export interface PlatformReach {
  notifier: Notifier;
  channels: ChannelDirectory;
}

export interface Reach {
  /** One per configured platform (none in console mode). */
  notifiers: Map<Platform, Notifier>;
  /** Over every configured platform, and the console's one space. */
  channels: ChannelDirectory;
  /** The Add to Slack install (config.slackOAuth), whose routes main.ts mounts. */
  install: SlackInstall | undefined;
}

export async function reachPlatforms(config: Config, db: Db, logger: Logger): Promise<Reach> {
  const slackConfigured = config.slack !== null || config.slackOAuth !== undefined;
  const discordConfig = config.discord;
  const [slack, discord] = await Promise.all([
    slackConfigured
      ? import('./slack/slackReach.js').then(({ slackReach }) => slackReach(config, db, logger))
      : undefined,
    discordConfig
      ? import('./discord/discordReach.js').then(({ discordReach }) => discordReach(discordConfig, logger))
      : undefined,
  ]);
  const notifiers = new Map<Platform, Notifier>();
  if (slack) notifiers.set('slack', slack.notifier);
  if (discord) notifiers.set('discord', discord.notifier);
  return {
    notifiers,
    channels: channelDirectoryByPlatform({
      console: consoleChannels,
      ...(slack ? { slack: slack.channels } : {}),
      ...(discord ? { discord: discord.channels } : {}),
    }),
    install: slack?.install,
  };
}
