/**
 * The worker's Notifiers, one per platform the configuration names. `npm run worker` builds them
 * here; main.ts may use the same function, or hand the worker the Notifiers its adapters made.
 */
import type { Config } from '../../config.js';
import type { Platform } from '../../core/domain.js';
import type { Notifier } from '../../core/notifier.js';
import { DiscordNotifier } from '../discord/discordNotifier.js';
import type { Logger } from '../logger.js';
import { slackSendOptions } from '../slack/slackInstall.js';
import { createSlackNotifier } from '../slack/slackNotifier.js';

/** The Notifiers of the platforms the configuration names. */
export function notifiersFromConfig(
  config: Config,
  logger: Logger,
  slackTokenFor?: (teamId: string) => Promise<string>,
): Map<Platform, Notifier> {
  const notifiers = new Map<Platform, Notifier>();
  const slack = slackSendOptions(config, logger, slackTokenFor);
  if (slack) notifiers.set('slack', createSlackNotifier(slack));
  if (config.discord) {
    notifiers.set(
      'discord',
      new DiscordNotifier({
        token: config.discord.token,
        logger,
        ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
      }),
    );
  }
  return notifiers;
}
