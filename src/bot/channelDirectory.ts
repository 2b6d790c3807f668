/**
 * The ChannelDirectory core is given: one per platform the configuration names (platforms.ts
 * builds them), behind one object that picks by the channel's platform. A platform that is not
 * connected cannot vouch for any channel. The console has one space and no real channels: a name
 * typed there stands for a channel of it.
 */
import type { Platform } from '../core/domain.js';
import type { ChannelDirectory } from '../core/notifier.js';
import { CONSOLE_IDENTITY } from './console/consoleAdapter.js';

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

/** The console's: a name typed there stands for a channel of its one space. */
export const consoleChannels: ChannelDirectory = {
  spacesOf: async () => ({ status: 'found', spaceIds: [CONSOLE_IDENTITY.spaceExternalId] }),
};
