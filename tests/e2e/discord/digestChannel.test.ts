/**
 * The digest channel on Discord, through the real discord.js adapter and the real REST lookups
 * against the fake Discord: a coordinator of one server cannot send the digest (student names)
 * into another server's channel, and a setting that points there anyway is caught again when
 * the worker delivers: the coordinators get the digest by DM, nothing is posted there.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordNotifier } from '../../../src/bot/discord/discordNotifier.js';
import { digestSettings } from '../../../src/db/schema.js';
import { digestPass, recordingLogger } from '../../support/digestPass.js';
import { type FakeGuild, type FakeUser, type OptionValue, snowflake } from '../../support/fakeDiscord.js';
import { DiscordTestBed, textOf } from './discordTestBed.js';

const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

// The coordinator's community, and another server the bot is also in (another organization).
const OURS: FakeGuild = { id: snowflake(), name: 'Career Community', channelId: snowflake() };
const THEIRS: FakeGuild = { id: snowflake(), name: 'Other Campus', channelId: snowflake() };

let bed: DiscordTestBed;
let cora: FakeUser;
let orgId: string;

beforeAll(async () => {
  // Sunday 22 Nov 2026; the digest is due on Monday 23 Nov at 09:00 UTC.
  bed = await DiscordTestBed.open({ start: '2026-11-22T15:00:00Z', guilds: [OURS, THEIRS] });
  cora = bed.user('Cora');
  orgId = (await bed.setRole(cora, 'coordinator')).orgId;
  // Someone of the other server has used Rapport: it is an organization of its own.
  await bed.actor(bed.user('Olga'), THEIRS);
  await bed.command(bed.user('Maria'), {
    command: 'rapport',
    subcommand: 'add',
    options: [str('name', 'Jane Doe')],
  });
});

afterAll(async () => {
  await bed?.close();
});

const setChannel = (channel: string) =>
  bed.command(cora, {
    command: 'coordinator',
    group: 'digest',
    subcommand: 'channel',
    options: [str('channel', channel)],
  });

const saved = async () => bed.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, orgId));

describe('/coordinator digest channel', () => {
  it("when the channel is in another server, then Discord's answer refuses it in one sentence and nothing is saved", async () => {
    const answer = await setChannel(`<#${THEIRS.channelId}>`);
    expect(textOf(answer.edit)).toContain(
      "That channel is not in one of your organization's workspaces or servers, so the digest cannot go there",
    );
    expect(
      bed.fake.requests.some((r) => r.method === 'GET' && r.path === `/channels/${THEIRS.channelId}`),
    ).toBe(true);
    expect(await saved()).toHaveLength(0);
  });

  it('when the channel does not exist for the bot, then it is refused the same way', async () => {
    expect(textOf((await setChannel(snowflake())).edit)).toContain('is not in one of your organization');
    expect(await saved()).toHaveLength(0);
  });

  it("when the channel is in the coordinator's own server, then it is saved", async () => {
    expect(textOf((await setChannel(`<#${OURS.channelId}>`)).edit)).toContain(
      'The weekly digest now goes to',
    );
    expect(await saved()).toMatchObject([{ platform: 'discord', channelId: OURS.channelId }]);
  });
});

describe('the digest on its way out', () => {
  it("when the saved channel is another server's, then nothing is posted there and the coordinator gets it by DM with a word about it", async () => {
    // What a row saved before the check looks like.
    await bed.db.db
      .update(digestSettings)
      .set({ channelId: THEIRS.channelId })
      .where(eq(digestSettings.orgId, orgId));
    const notifier = new DiscordNotifier({ token: 'fake-token', apiUrl: bed.fake.apiUrl });
    const logger = recordingLogger();
    await digestPass(bed.db.db, '2026-11-23T09:00:00Z', notifier, null, logger, bed.channels);

    const posted = bed.fake.requests.filter(
      (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path),
    );
    expect(posted.some((r) => r.path === `/channels/${THEIRS.channelId}/messages`)).toBe(false);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0])).toContain(
      "The digest channel is not in one of your organization's workspaces or servers, so here it is by DM",
    );
    expect(textOf(posted[0])).toContain('Weekly digest');
    expect(logger.lines.find((l) => l.level === 'warn')?.fields).toMatchObject({
      orgId,
      reason: 'elsewhere',
    });
  });
});
