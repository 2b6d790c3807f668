/**
 * `npm run discord:register` against the fake Discord: the whole list in one PUT, to the guild
 * when DISCORD_GUILD_ID is set, else globally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRegistration, registerCommands } from '../../../src/bot/discord/commandRegistrar.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { FAKE_APP_ID, FakeDiscord } from '../../support/fakeDiscord.js';

const ALL = COMMANDS;

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

describe('registering the commands', () => {
  it('when a guild id is set, then the whole list is PUT to the guild and the summary names every subcommand', async () => {
    const summary = await registerCommands(
      { token: 'fake-token', appId: FAKE_APP_ID, apiUrl: fake.apiUrl, guildId: fake.guild.id },
      ALL,
    );
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${FAKE_APP_ID}/guilds/${fake.guild.id}/commands`);
    expect(put?.headers.authorization).toBe('Bot fake-token');
    const body = put?.body as { type: number; name: string; options: unknown[] }[];
    expect(body.map((c) => c.name)).toEqual(expect.arrayContaining(['rapport', 'mentor']));
    expect(
      body.filter((c) => c.type === 1).every((c) => ['rapport', 'mentor', 'coordinator'].includes(c.name)),
    ).toBe(true);
    // The one PUT carries the menu on members too, and /coordinator is for Manage Server.
    expect(body.filter((c) => c.type === 2).map((c) => c.name)).toEqual(['Log a meeting']);
    expect(body.find((c) => c.name === 'coordinator')).toMatchObject({ default_member_permissions: '32' });
    const text = describeRegistration(summary);
    expect(text).toContain('in the server');
    expect(text).toContain('/rapport settings tz');
    expect(text).toContain('/mentor log');
    expect(text).toContain('/coordinator nudges set');
    expect(text).toContain('"Log a meeting" (Apps menu on a member)');
    const coordinator = body.find((c) => c.name === 'coordinator') as
      | { options: { name: string; type: number; options: { name: string }[] }[] }
      | undefined;
    const nudges = coordinator?.options.find((o) => o.name === 'nudges');
    expect(nudges?.type).toBe(2);
    expect(nudges?.options.map((o) => o.name)).toEqual(['show', 'set', 'reset']);
  });

  it('when no guild id is set, then the list is registered globally', async () => {
    const summary = await registerCommands(
      { token: 'fake-token', appId: FAKE_APP_ID, apiUrl: fake.apiUrl },
      ALL,
    );
    expect(fake.requests.filter((r) => r.method === 'PUT').at(-1)?.path).toBe(
      `/applications/${FAKE_APP_ID}/commands`,
    );
    expect(summary.scope).toEqual({ kind: 'global' });
  });
});
