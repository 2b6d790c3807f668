/**
 * Issue 13's "done when", end to end on Slack and Discord at once: one Rapport on a fresh
 * database behind the real Bolt app (against the fake Slack) and the real discord.js client
 * (against the fake Discord). A coordinator sets up a term before anyone has used Rapport (a
 * cohort, three students, a mentor, an advisor, a match, the welcome); the Discord server joins
 * the Slack workspace's organization; the students use Rapport on Slack; the mentor logs a
 * meeting on Discord with a Slack student; she records an outcome; and at Monday 09:00 the
 * advisor gets their cohort's digest and the coordinator the whole organization's, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { createDigestStep } from '../../../src/bot/digest/digestStep.js';
import { nudgeStep } from '../../../src/bot/worker/nudgeStep.js';
import { runPass } from '../../../src/bot/worker/pass.js';
import type { Actor } from '../../../src/core/command.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { type FakeGuild, type FakeUser, type OptionValue, snowflake } from '../../support/fakeDiscord.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { DiscordTestBed, textOf } from '../discord/discordTestBed.js';
import { SlackTestBed, TEAM } from '../slack/slackTestBed.js';

const community: FakeGuild = { id: snowflake(), name: 'Career Community', channelId: snowflake() };
const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The coordinator configured for the Slack workspace (RAPPORT_COORDINATORS). */
const cora = { id: 'UCOORD', name: 'cora' };
const ana = { id: 'U0ANA0001', name: 'ana' };
const ben = { id: 'U0BEN0002', name: 'ben' };
const chloe = { id: 'U0CHL0003', name: 'chloe' };
const olga = { id: 'U0OLG0004', name: 'olga' };
const dana = { id: 'U0DAN0005', name: 'dana' };
/** Monday 23 November 2026, 09:00 in the organization's zone (UTC). */
const MONDAY_9AM = new Date('2026-11-23T09:00:00Z');

let slack: SlackTestBed;
let discord: DiscordTestBed;
let lee: FakeUser;
let coraOnDiscord: FakeUser;
const slackOut = new FakeNotifier('slack');
const discordOut = new FakeNotifier('discord');

const slackActor = (user: { id: string; name: string }): Promise<Actor> =>
  slack.rapport.identify({
    platform: 'slack',
    spaceExternalId: TEAM.id,
    externalUserId: user.id,
    displayName: user.name,
  });

const say = async (user: { id: string; name: string }, text: string) =>
  slack.replyText(await slack.command(text, { user, raw: true }));

async function workerPassAt(at: Date): Promise<void> {
  const time = virtualTime(at);
  await runPass({
    db: slack.db.db,
    outbox: nudgeOutbox(slack.db.db),
    clock: time.clock,
    sleep: time.sleep,
    notifiers: new Map([
      ['slack', slackOut],
      ['discord', discordOut],
    ]),
    logger: quiet,
    steps: [nudgeStep, createDigestStep({ chart: null })],
  });
}

beforeAll(async () => {
  slack = await SlackTestBed.start();
  // The Discord adapter serves the same Rapport, on the same database, as the Slack one.
  discord = await DiscordTestBed.open({ guilds: [community], api: () => slack.rapport });
  lee = discord.user('Lee Park');
  coraOnDiscord = discord.user('Cora');
}, 60_000);
afterAll(async () => {
  await discord?.close();
  await slack?.close();
});

describe('a term run across Slack and Discord', () => {
  it('when the coordinator sets up the term on Slack before anyone used Rapport, then each step answers', async () => {
    expect(await say(cora, 'cohort create Engineering')).toContain('Engineering');
    expect(await say(cora, 'cohort create Design')).toContain('Design');
    const added = await say(cora, `cohort add 1 <@${ana.id}|ana> <@${ben.id}|ben> <@${chloe.id}|chloe>`);
    expect(added).toContain('3 added to');
    expect(await say(cora, `cohort add 2 <@${olga.id}|olga>`)).toContain('1 added to');
    expect(await say(cora, `cohort advisor 1 <@${dana.id}|dana>`)).toContain('dana now advises Engineering');
  });

  it('when the Discord server joins the organization with a space code, then the coordinator names a mentor there who never used Rapport', async () => {
    const code = /space join ([A-Z0-9]{6})/.exec(await say(cora, 'space code'))?.[1];
    expect(code).toBeDefined();
    // Whoever runs the server is its coordinator (Manage Server on Discord); set here directly.
    const here = await slack.rapport.identify({
      platform: 'discord',
      spaceExternalId: community.id,
      spaceName: community.name,
      externalUserId: coraOnDiscord.id,
      displayName: 'Cora',
    });
    await slack.db.store.transaction((repos) =>
      repos.persons.update(here.orgId, here.personId, { role: 'coordinator' }),
    );
    const joined = await discord.command(coraOnDiscord, {
      command: 'coordinator',
      group: 'space',
      subcommand: 'join',
      options: [str('code', code!)],
    });
    expect(textOf(joined.edit)).toContain('this space now belongs to');
    const granted = await discord.command(coraOnDiscord, {
      command: 'coordinator',
      subcommand: 'role',
      options: [
        { name: 'person', type: 6, value: lee.id },
        { name: 'role', type: 3, value: 'mentor' },
      ],
      resolvedUsers: [lee],
    });
    expect(textOf(granted.edit)).toContain('Lee Park is now a mentor');
  });

  it('when the coordinator matches the Discord mentor with a Slack student and sends the welcome, then introductions and three welcomes are queued', async () => {
    expect(await say(cora, `match lee <@${ana.id}|ana>`)).toContain('Lee Park now mentors ana');
    expect(await say(cora, 'cohort welcome 1')).toMatch(/3 welcome/);
    // Welcomes and introductions go out through the outbox, to each on their own platform.
    await workerPassAt(new Date('2026-11-17T10:00:00Z'));
    const welcomed = slackOut
      .delivered()
      .filter((s) => renderReply(s.message, { color: false }).includes('Welcome'));
    expect(welcomed.map((s) => s.to.externalUserId).sort()).toEqual([ana.id, ben.id, chloe.id].sort());
    expect(discordOut.delivered().filter((s) => s.to.externalUserId === lee.id)).toHaveLength(1);
  });

  it('when the students use Rapport and the mentor logs a meeting on Discord with the Slack student, then it reaches her list and she records an outcome', async () => {
    await say(ana, 'add "Lee Park" at Acme');
    await say(ana, 'reached lee');
    await say(ben, 'add Sam Rivera at Figma');
    await say(chloe, 'list');
    const anaActor = await slackActor(ana);
    const logged = await discord.command(lee, {
      command: 'mentor',
      subcommand: 'log',
      options: [str('student', `person:${anaActor.personId}`), str('topics', 'product roles')],
    });
    expect(textOf(logged.edit)).toContain('Logged your meeting with ana');
    const [contact] = await slack.db.store.transaction((repos) =>
      repos.contacts.listByOwner(anaActor.personId),
    );
    expect(contact).toMatchObject({ name: 'Lee Park', stage: 'met' });
    expect(await say(ana, 'outcome lee useful new direction')).toContain('was useful (new direction)');
  });

  it('when Monday 09:00 comes and the worker runs twice, then the advisor gets her cohort only and the coordinators the whole organization, each once', async () => {
    await workerPassAt(MONDAY_9AM);
    await workerPassAt(new Date(MONDAY_9AM.getTime() + 60_000));
    const digests = (out: FakeNotifier, id: string) =>
      out
        .delivered()
        .filter((s) => s.to.externalUserId === id && s.key.includes('digest'))
        .map((s) => renderReply(s.message, { color: false }));
    const toDana = digests(slackOut, dana.id);
    expect(toDana).toHaveLength(1);
    expect(toDana[0]).toContain('Engineering');
    expect(toDana[0]).not.toContain('olga');
    expect(toDana[0]).toContain('Conversations rated: 1 useful, 0 somewhat, 0 not');
    const toCora = digests(slackOut, cora.id);
    expect(toCora).toHaveLength(1);
    expect(toCora[0]).toContain('olga');
    expect(toCora[0]).toContain('Lee Park: 1');
    expect(toCora[0]).toContain('Conversations rated: 1 useful, 0 somewhat, 0 not');
    // The server's coordinator gets the whole organization's digest too, on Discord, once.
    expect(digests(discordOut, coraOnDiscord.id)).toHaveLength(1);
  });
});
