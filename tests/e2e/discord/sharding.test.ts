/**
 * Automatic sharding against the fake gateway: the adapter opens as many gateway connections as
 * Discord recommends in `GET /gateway/bot`, each identifying as its shard, and is ready only when
 * every shard is; with the fake's usual answer (one shard) it opens one. Nothing here reaches core.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bot/discord/discordAdapter.js';
import { createLogger } from '../../../src/bot/logger.js';
import type { RapportApi } from '../../../src/core/api.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { FakeDiscord } from '../../support/fakeDiscord.js';

const unused = () => Promise.reject(new Error('No command reaches core in these tests'));
const api: RapportApi = {
  commands: COMMANDS,
  identify: unused,
  identifyClick: unused,
  runText: unused,
  runOptions: unused,
  runAction: unused,
  formFor: () => undefined,
  formForAction: () => undefined,
  autocomplete: unused,
  home: unused,
};

let fake: FakeDiscord | undefined;
let adapter: DiscordAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
});

async function connect(recommendedShards?: number): Promise<{ shards: unknown[] }> {
  fake = await FakeDiscord.start();
  if (recommendedShards !== undefined) {
    fake.inject(
      { method: 'GET', path: '/gateway/bot' },
      {
        status: 200,
        body: {
          url: fake.gatewayUrl,
          shards: recommendedShards,
          // One identify bucket per shard: discord.js then identifies them without its 5 s spacing.
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 14_400_000,
            max_concurrency: recommendedShards,
          },
        },
      },
    );
  }
  const logger = createLogger({ level: 'silent', pretty: false });
  adapter = createDiscordAdapter({ api, discord: { token: 'fake-token', apiUrl: fake.apiUrl }, logger });
  await adapter.start();
  const identifies = fake.gatewayReceived.filter((frame) => frame.op === 2);
  return { shards: identifies.map((frame) => (frame.d as { shard?: unknown }).shard) };
}

describe('automatic sharding', () => {
  it('when Discord recommends one shard, then the adapter opens one gateway connection and is ready', async () => {
    const { shards } = await connect();
    expect(shards).toEqual([[0, 1]]);
    expect(adapter?.client.ws.shards.size).toBe(1);
    expect(adapter?.ready()).toBe(true);
  });

  it('when Discord recommends three shards, then the adapter identifies shards 0, 1 and 2 of 3 and is ready once all are', async () => {
    const { shards } = await connect(3);
    expect(shards).toEqual(
      expect.arrayContaining([
        [0, 3],
        [1, 3],
        [2, 3],
      ]),
    );
    expect(shards).toHaveLength(3);
    expect(adapter?.client.ws.shards.size).toBe(3);
    expect(adapter?.ready()).toBe(true);
  });
});
