/**
 * Slack's part of platforms.ts, loaded only when Slack is configured: with SLACK_BOT_TOKEN the
 * Notifier and the channel lookups use that token; with the Add to Slack install
 * (SLACK_CLIENT_ID) they use each workspace's installed token.
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/engine.js';
import type { Logger } from '../logger.js';
import type { PlatformReach } from '../platforms.js';
import { createSlackChannelDirectory } from './slackChannels.js';
import { createSlackInstall, type SlackInstall, tokensOf } from './slackInstall.js';
import { createSlackNotifier, type SlackNotifierOptions } from './slackNotifier.js';

export function slackReach(
  config: Config,
  db: Db,
  logger: Logger,
): (PlatformReach & { install: SlackInstall | undefined }) | undefined {
  const install = config.slackOAuth
    ? createSlackInstall({ oauth: config.slackOAuth, db, timezone: config.timezone, logger })
    : undefined;
  let options: SlackNotifierOptions;
  if (config.slack) options = { botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger };
  else if (config.slackOAuth && install)
    options = { tokenFor: tokensOf(install), apiUrl: config.slackOAuth.apiUrl, logger };
  else return undefined;
  return { notifier: createSlackNotifier(options), channels: createSlackChannelDirectory(options), install };
}
