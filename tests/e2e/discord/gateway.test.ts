/**
 * The adapter's connection itself, against the fake gateway: the identify it sends, heartbeats,
 * and a clean stop. Core is a stub here: nothing in these tests reaches a command.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDiscordAdapter,
  DISCORD_SENTENCES,
  type DiscordAdapter,
} from '../../../src/bot/discord/discordAdapter.js';
import { createLogger } from '../../../src/bot/logger.js';
import type { RapportApi } from '../../../src/core/api.js';
import type { Actor } from '../../../src/core/command.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { chatInputInteraction, FakeDiscord } from '../../support/fakeDiscord.js';

const actor: Actor = {
  orgId: 'org',
  personId: 'person',
  role: 'student',
  platform: 'discord',
  timezone: 'UTC',
  displayName: 'Maria',
};

/** A stub core whose answers the test releases by hand. */
function stubApi(): RapportApi & { release: () => void; identified: Promise<void> } {
  let release = () => {};
  let identifiedResolve = () => {};
  const identified = new Promise<void>((resolve) => {
    identifiedResolve = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    // The real catalogue, so `/rapport list` is placed on the `list` command.
    commands: COMMANDS,
    identify: async () => {
      identifiedResolve();
      await gate;
      return actor;
    },
    identifyClick: async () => null,
    runText: async () => ({ blocks: [{ type: 'text', lines: [['help text']] }] }),
    runOptions: async () => ({ blocks: [{ type: 'text', lines: [['Your list is empty.']] }] }),
    runAction: async () => ({ blocks: [] }),
    formFor: () => undefined,
    formForAction: () => undefined,
    autocomplete: async () => [],
    home: async () => ({ blocks: [] }),
    release: () => release(),
    identified,
  };
}

let fake: FakeDiscord;
let adapter: DiscordAdapter;
const api = stubApi();

beforeAll(async () => {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 50 });
  adapter = createDiscordAdapter({
    api,
    discord: { token: 'fake-token', apiUrl: fake.apiUrl },
    logger: createLogger({ level: 'silent', pretty: false }),
  });
  await adapter.start();
});
afterAll(async () => {
  await fake?.close();
});

describe('the gateway connection', () => {
  it('when the adapter starts, then it finds the gateway through REST and identifies with the Guilds intent only', () => {
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    const identify = fake.gatewayReceived.find((frame) => frame.op === 2)?.d as {
      token: string;
      intents: number;
    };
    expect(identify.token).toBe('fake-token');
    expect(identify.intents).toBe(1);
    expect(adapter.client.guilds.cache.get(fake.guild.id)?.name).toBe(fake.guild.name);
  });

  it('when the client heartbeats, then the fake acknowledges and the client records it', async () => {
    await once(fake.events, 'heartbeat-ack');
    expect(fake.gatewayReceived.some((frame) => frame.op === 1)).toBe(true);
  });

  it('when the adapter stops during a command, then the command is answered before the client leaves', async () => {
    const payload = chatInputInteraction({
      guild: fake.guild,
      user: { id: '42', username: 'maria' },
      command: 'rapport',
      subcommand: 'list',
    });
    fake.dispatchInteraction(payload);
    await api.identified;
    const stopped = adapter.stop();
    // A command arriving while stopping is told to try again; the one in flight still finishes.
    const late = chatInputInteraction({
      guild: fake.guild,
      user: { id: '43', username: 'sam' },
      command: 'rapport',
      subcommand: 'list',
    });
    const lateAnswer = fake.waitForRequest((r) => r.path.includes(late.token));
    fake.dispatchInteraction(late);
    expect((await lateAnswer).body).toMatchObject({
      type: 4,
      data: { content: DISCORD_SENTENCES.stopping, flags: 64 },
    });
    api.release();
    await stopped;
    const edit = fake.requestsFor(payload.token).find((r) => r.method === 'PATCH');
    expect((edit!.body as { embeds: { description: string }[] }).embeds[0]?.description).toBe(
      'Your list is empty.',
    );
  });
});
