/**
 * The worker's Notifiers, one per platform the configuration names. `npm run worker` builds them
 * here; main.ts may use the same function, or hand the worker the Notifiers its adapters made.
 */
import type { Config } from '../../config.js';
import type { Platform } from '../../core/domain.js';
import type { Notifier } from '../../core/notifier.js';
import { DiscordNotifier } from '../discord/discordNotifier.js';
import type { Logger } from '../logger.js';
import { createSlackNotifier } from '../slack/slackNotifier.js';

/** The Notifiers of the platforms the configuration names. */
export function notifiersFromConfig(config: Config, logger: Logger): Map<Platform, Notifier> {
  const notifiers = new Map<Platform, Notifier>();
  if (config.slack) {
    notifiers.set(
      'slack',
      createSlackNotifier({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }),
    );
  }
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
