/**
 * Core's ChannelDirectory for Slack: `conversations.info` says which workspaces a channel is in,
 * its own (`context_team_id`) and, for a shared channel, every workspace it is shared with
 * (`shared_team_ids`). It needs the `channels:read` and `groups:read` scopes; a private channel the
 * bot was not invited to answers `channel_not_found`, as one that does not exist. One attempt per
 * call: the command and the digest step each decide what a failure means.
 */
import type { ChannelDirectory, ChannelSpaces, ChannelTarget } from '../../core/notifier.js';
import { classifySlackError, clientsFor, platformError, type SlackNotifierOptions } from './slackNotifier.js';

/** What `conversations.info` returns about a channel, as far as ownership goes. */
interface ChannelInfo {
  context_team_id?: string;
  shared_team_ids?: string[];
  is_im?: boolean;
  is_mpim?: boolean;
}

/** Built like the Notifier, from the bot token (one attempt per lookup, 10 s at most). */
export function createSlackChannelDirectory(options: SlackNotifierOptions): ChannelDirectory {
  const clientFor = clientsFor(options, 'slack-channels');
  return {
    async spacesOf(target: ChannelTarget): Promise<ChannelSpaces> {
      try {
        const client = await clientFor(target.spaceExternalIds?.[0] ?? '');
        const info = await client.conversations.info({ channel: target.channelId });
        const channel = (info.channel ?? {}) as ChannelInfo;
        // A direct message is nobody's team channel, whatever team it is seen from.
        if (channel.is_im || channel.is_mpim) return { status: 'found', spaceIds: [] };
        const teams = [channel.context_team_id, ...(channel.shared_team_ids ?? [])];
        return { status: 'found', spaceIds: [...new Set(teams.filter((t): t is string => Boolean(t)))] };
      } catch (error) {
        if (platformError(error) === 'channel_not_found') return { status: 'not_found' };
        const outcome = classifySlackError(error);
        return {
          status: 'unavailable',
          error: outcome.status === 'rate_limited' ? 'rate limited' : outcome.error,
        };
      }
    },
  };
}
