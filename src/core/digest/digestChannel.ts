/**
 * The digest channel: reading `digest channel <channel>` (a channel in the platform's own syntax,
 * read by its `ReferenceSyntax`; `off` sends the digest to the coordinators by DM instead), and
 * making sure a channel is the organization's own.
 */
import type { ChannelDirectory, ChannelTarget } from '../notifier.js';
import type { Space } from '../people/peoplePorts.js';
import type { ReferenceSyntax } from '../references.js';
import { fail, ok, type Result } from '../result.js';

export type ChannelChoice = { kind: 'dm' } | { kind: 'channel'; channelId: string; label: string };

const TO_DMS = /^(?:off|none|dm|dms|direct|private)$/i;
export function parseChannelRef(raw: string, syntax: ReferenceSyntax): Result<ChannelChoice> {
  const text = raw.trim();
  if (TO_DMS.test(text)) return ok({ kind: 'dm' });
  const channel = syntax.channel(text);
  if (channel) return ok({ kind: 'channel', channelId: channel.id, label: channel.label });
  if (text.startsWith('#')) {
    return fail(
      'invalid_value',
      'Pick the channel from the list that appears as you type #, so that I get its id; a channel name alone is not enough.',
    );
  }
  return fail(
    'invalid_value',
    'I could not read that as a channel. Type # and pick the channel, or say off to send the digest by DM.',
  );
}

/** Whether a channel may carry the organization's digest; `detail` is for logs (no personal data). */
export type ChannelVerdict = { ok: true } | { ok: false; reason: 'elsewhere' | 'unchecked'; detail: string };

/**
 * A digest names students, so it goes only to a channel in one of the organization's own spaces:
 * on Discord, a channel of one of its servers; on Slack, a channel of (or shared with) one of its
 * workspaces. The platform's answer is the only proof: an id someone typed proves nothing, and a
 * channel that cannot be looked up right now is not taken on trust.
 */
export async function checkDigestChannel(
  directory: ChannelDirectory | undefined,
  target: ChannelTarget,
  spaces: readonly Space[],
): Promise<ChannelVerdict> {
  if (!directory) return { ok: false, reason: 'unchecked', detail: 'no channel directory' };
  const own = new Set(spaces.filter((s) => s.platform === target.platform).map((s) => s.externalId));
  const found = await directory.spacesOf({ ...target, spaceExternalIds: [...own] });
  if (found.status === 'unavailable') {
    return { ok: false, reason: 'unchecked', detail: `lookup failed: ${found.error}` };
  }
  if (found.status === 'found' && found.spaceIds.some((id) => own.has(id))) return { ok: true };
  return {
    ok: false,
    reason: 'elsewhere',
    detail: found.status === 'found' ? 'channel of another space' : 'channel not found',
  };
}
