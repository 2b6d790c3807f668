/**
 * An in-memory ChannelDirectory for tests that run core or the worker without a platform: the
 * test says which channels exist and in which spaces; any other channel is not found. It can also
 * play a platform that cannot be asked right now.
 */
import type { Platform } from '../../src/core/domain.js';
import type { ChannelDirectory, ChannelSpaces, ChannelTarget } from '../../src/core/notifier.js';

export class FakeChannels implements ChannelDirectory {
  private readonly channels = new Map<string, readonly string[]>();
  /** Every lookup, in order. */
  readonly lookups: ChannelTarget[] = [];
  /** When set, every lookup answers `unavailable`. */
  down = false;

  /** A channel of `platform` in the given spaces (team ids, guild ids). */
  add(platform: Platform, channelId: string, ...spaceIds: string[]): this {
    this.channels.set(`${platform}:${channelId}`, spaceIds);
    return this;
  }

  async spacesOf(target: ChannelTarget): Promise<ChannelSpaces> {
    this.lookups.push(target);
    if (this.down) return { status: 'unavailable', error: 'the fake is down' };
    const spaceIds = this.channels.get(`${target.platform}:${target.channelId}`);
    return spaceIds ? { status: 'found', spaceIds } : { status: 'not_found' };
  }
}
