/**
 * Who is behind a Slack request, as core's Actor. The first time this process meets a user it
 * asks `users.info` for their time zone (and handle, for payloads that carry none) and hands the
 * zone to core as a hint; core keeps it until the person sets one with `settings tz`.
 */
import type { webApi } from '@slack/bolt';
import type { RapportApi } from '../../core/api.js';
import type { Actor } from '../../core/command.js';
import { type AppLogger, safeError } from './slackLogger.js';

type WebClient = webApi.WebClient;

/** What a Slack payload says about the person who sent it. */
export interface SlackUserRef {
  teamId: string;
  teamDomain?: string | undefined;
  userId: string;
  /** The handle, when the payload carries it (slash commands, interactivity). */
  userName?: string | undefined;
}

interface Profile {
  tz?: string;
  /** Asked for with `include_locale`: how the person writes dates. */
  locale?: string;
  name?: string;
}

export class SlackPeople {
  private readonly profiles = new Map<string, Promise<Profile>>();
  /** Users whose zone core has already been given by this process. */
  private readonly hinted = new Set<string>();

  constructor(
    private readonly api: RapportApi,
    private readonly logger: AppLogger,
  ) {}

  async actor(client: WebClient, who: SlackUserRef): Promise<Actor> {
    const key = `${who.teamId}:${who.userId}`;
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.fetchProfile(client, who.userId);
      this.profiles.set(key, profile);
    }
    const { tz, name, locale } = await profile;
    const firstSight = !this.hinted.has(key);
    const actor = await this.api.identify({
      platform: 'slack',
      spaceExternalId: who.teamId,
      ...(who.teamDomain ? { spaceName: who.teamDomain } : {}),
      externalUserId: who.userId,
      displayName: who.userName ?? name ?? '',
      // Only on first sight: afterwards core already holds the zone (or the person's own choice).
      timezoneHint: firstSight ? tz : undefined,
      // The locale follows the profile: core writes it only when it changed.
      localeHint: locale,
    });
    this.hinted.add(key);
    return actor;
  }

  /**
   * Forgets what this process knows of a user (after `forget-me`), so that if they come back
   * they are met as new, time zone included.
   */
  forget(teamId: string, userId: string): void {
    const key = `${teamId}:${userId}`;
    this.profiles.delete(key);
    this.hinted.delete(key);
  }

  private async fetchProfile(client: WebClient, userId: string): Promise<Profile> {
    try {
      const info = await client.users.info({ user: userId, include_locale: true });
      return {
        ...(info.user?.tz ? { tz: info.user.tz } : {}),
        ...(info.user?.locale ? { locale: info.user.locale } : {}),
        ...(info.user?.name ? { name: info.user.name } : {}),
      };
    } catch (error) {
      // Without the zone the organization's applies; the person can still set their own.
      this.logger.warn({ err: safeError(error) }, 'users.info failed; using the organization time zone');
      return {};
    }
  }
}
