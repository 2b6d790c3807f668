/**
 * The digest channel on Slack, end to end: a signed `/rapport digest channel` through the real
 * Bolt App, core asking the fake Slack with the real `conversations.info`: a channel of another
 * workspace is refused and nothing is saved; the workspace's own channel, or one shared with it,
 * is taken.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestSettings } from '../../../src/db/schema.js';
import { SlackTestBed, type Student, TEAM } from './slackTestBed.js';

let bed: SlackTestBed;
let orgId: string;
const coordinator: Student = { id: 'UCOORD', name: 'cora' };

beforeAll(async () => {
  bed = await SlackTestBed.start();
  bed.slack.setChannel('C0OURS', { teamId: TEAM.id });
  bed.slack.setChannel('C0THEIRS', { teamId: 'T0OTHER' });
  bed.slack.setChannel('C0SHARED', { teamId: 'T0OTHER', sharedTeamIds: ['T0OTHER', TEAM.id] });
  orgId = (
    await bed.rapport.identify({
      platform: 'slack',
      spaceExternalId: TEAM.id,
      externalUserId: coordinator.id,
      displayName: coordinator.name,
    })
  ).orgId;
}, 60_000);

afterAll(async () => {
  await bed?.close();
});

const setChannel = async (mention: string) =>
  bed.replyText(await bed.command(`digest channel ${mention}`, { user: coordinator, raw: true }));
const saved = () => bed.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, orgId));

describe('/rapport digest channel on Slack', () => {
  it('when the channel belongs to another workspace, then conversations.info says so, one sentence refuses it and nothing is saved', async () => {
    expect(await setChannel('<#C0THEIRS|theirs>')).toContain(
      "That channel is not in one of your organization's workspaces or servers, so the digest cannot go there",
    );
    expect(bed.slack.callsTo('conversations.info').map((c) => c.body.channel)).toContain('C0THEIRS');
    expect(await saved()).toHaveLength(0);
  });

  it('when Slack does not know the channel (or the bot is not in a private one), then it is refused the same way', async () => {
    expect(await setChannel('<#C0PRIVATE|secret>')).toContain('invite Rapport to it first');
    expect(await saved()).toHaveLength(0);
  });

  it('when Slack cannot be asked, then nothing is saved and the coordinator is asked to try again', async () => {
    bed.slack.fail('conversations.info', { status: 503 });
    expect(await setChannel('<#C0OURS|ours>')).toContain('I could not check that channel just now');
    expect(await saved()).toHaveLength(0);
  });

  it("when the channel is the workspace's own, or shared with it, then it is saved", async () => {
    expect(await setChannel('<#C0SHARED|shared>')).toContain('The weekly digest now goes to #shared');
    expect(await saved()).toMatchObject([{ platform: 'slack', channelId: 'C0SHARED' }]);
    expect(await setChannel('<#C0OURS|ours>')).toContain('The weekly digest now goes to #ours');
    expect(await saved()).toMatchObject([{ platform: 'slack', channelId: 'C0OURS' }]);
  });
});
