import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackInstallations, spaces } from '../../../src/db/schema.js';
import { replyText, SlackInstallBed } from './slackInstallBed.js';

describe('Slack as an installable app (Add to Slack)', () => {
  let bed: SlackInstallBed;

  beforeEach(async () => {
    bed = await SlackInstallBed.start();
  });

  afterEach(async () => {
    await bed.close();
  });

  const installRows = () => bed.db.db.select().from(slackInstallations);

  it('when two workspaces install and use Rapport, then each is served with its own token and neither sees the other', async () => {
    const tokenA = await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    const tokenB = await bed.installWorkspace({ teamId: 'TBETA', teamName: 'Beta College' });

    const added = await bed.command('TALPHA', 'UANA', 'add Priya Raman, UX researcher at Acme');
    expect(added.status).toBe(200);
    expect(replyText(added.reply)).toContain('Priya');
    const listB = await bed.command('TBETA', 'UBEN', 'list');
    expect(replyText(listB.reply)).not.toContain('Priya');
    const listA = await bed.command('TALPHA', 'UANA', 'list');
    expect(replyText(listA.reply)).toContain('Priya');

    // Every Web API call about a user was made with that user's workspace token.
    const lookups = bed.slack.callsTo('users.info');
    expect(lookups.find((call) => call.body.user === 'UANA')?.token).toBe(tokenA);
    expect(lookups.find((call) => call.body.user === 'UBEN')?.token).toBe(tokenB);

    // Two organizations, one workspace each.
    const rows = await installRows();
    expect(rows.map((row) => row.teamId).sort()).toEqual(['TALPHA', 'TBETA']);
    expect(new Set(rows.map((row) => row.orgId)).size).toBe(2);
    const [spaceA] = await bed.db.db.select().from(spaces).where(eq(spaces.externalId, 'TALPHA'));
    expect(spaceA?.orgId).toBe(rows.find((row) => row.teamId === 'TALPHA')?.orgId);

    // The worker's Notifier sends to each workspace with that workspace's token.
    // What the worker's Notifier sends goes out with the workspace's token.
    expect(await bed.dmToken('TBETA', 'UBEN')).toBe(tokenB);
  });

  it('when an install is stored, then its tokens are sealed at rest and never logged', async () => {
    const token = await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    await bed.command('TALPHA', 'UANA', 'help');
    const [row] = await installRows();
    expect(row?.sealed).not.toContain(token);
    expect(row?.sealed).not.toContain('xoxb');
    expect(row?.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(bed.logLines.join('')).not.toContain(token);
    expect(bed.logLines.join('')).not.toContain('client-secret-do-not-log');
  });

  it('when the state is forged, then the install is refused with one log line and nothing is stored', async () => {
    bed.slack.grantInstall('code-forged', { teamId: 'TEVIL' });
    const { cookie } = await bed.openInstallPage();
    const forged = 'abc.def';
    const result = await bed.callback(
      { code: 'code-forged', state: forged },
      `${cookie.split('=')[0]}=${forged}`,
    );
    expect(result.status).toBe(400);
    expect(await installRows()).toEqual([]);
    expect(bed.slack.callsTo('oauth.v2.access')).toEqual([]);
    expect(bed.logLines.filter((line) => line.includes('Slack install refused'))).toHaveLength(1);
  });

  it('when a state is replayed after a completed install, then the second callback is refused', async () => {
    const granted = bed.slack.grantInstall('code-1', { teamId: 'TALPHA' });
    const { state, cookie } = await bed.openInstallPage();
    expect((await bed.callback({ code: 'code-1', state }, cookie)).status).toBe(200);
    bed.slack.grantInstall('code-2', { teamId: 'TALPHA' });
    const replay = await bed.callback({ code: 'code-2', state }, cookie);
    expect(replay.status).toBe(400);
    expect(bed.slack.callsTo('oauth.v2.access')).toHaveLength(1);
    const [row] = await installRows();
    expect(row?.sealed).toBeDefined();
    expect(granted).toMatch(/^xoxb-/);
  });

  it('when the state cookie is missing (another browser), then the install is refused', async () => {
    bed.slack.grantInstall('code-1', { teamId: 'TALPHA' });
    const { state } = await bed.openInstallPage();
    expect((await bed.callback({ code: 'code-1', state })).status).toBe(400);
    expect(await installRows()).toEqual([]);
  });

  it('when the installer cancels on Slack, then nothing is stored and the page says so', async () => {
    const { state, cookie } = await bed.openInstallPage();
    const result = await bed.callback({ error: 'access_denied', state }, cookie);
    expect(result.body).toContain('cancelled');
    expect(await installRows()).toEqual([]);
  });

  it('when oauth.v2.access fails or times out, then nothing is stored', async () => {
    bed.slack.grantInstall('code-1', { teamId: 'TALPHA' });
    let page = await bed.openInstallPage();
    bed.slack.fail('oauth.v2.access', { error: 'invalid_code' });
    expect((await bed.callback({ code: 'code-1', state: page.state }, page.cookie)).status).toBe(400);
    page = await bed.openInstallPage();
    bed.slack.fail('oauth.v2.access', { network: true });
    expect((await bed.callback({ code: 'code-1', state: page.state }, page.cookie)).status).toBe(400);
    expect(await installRows()).toEqual([]);
  });

  it('when a command comes from a workspace that never installed, then no listener runs and one line is logged', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    const before = bed.slack.calls.length;
    const result = await bed.command('TUNKNOWN', 'UX', 'list');
    expect(result.reply).toBeUndefined();
    expect(bed.slack.calls.slice(before).filter((call) => call.method !== 'auth.test')).toEqual([]);
    expect(bed.logLines.join('')).toMatch(/TUNKNOWN/);
  });

  it('when a workspace reinstalls after its organization was deleted, then a new organization is made for it', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    const [first] = await installRows();
    await bed.db.db.delete((await import('../../../src/db/schema.js')).organizations);
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    const [second] = await installRows();
    expect(second?.orgId).toBeTruthy();
    expect(second?.orgId).not.toBe(first?.orgId);
    expect(replyText((await bed.command('TALPHA', 'UANA', 'list')).reply)).not.toBe('{}');
  });

  it('when the worker sends to a workspace with no installation, then nothing is attempted on Slack and the send is refused for good', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    const before = bed.slack.calls.length;
    const outcome = await bed.notifier.send(
      {
        personId: 'p',
        platform: 'slack',
        spaceExternalId: 'TNOWHERE',
        externalUserId: 'UX',
        dmChannelId: null,
      },
      { blocks: [{ type: 'header', text: 'Hello' }] },
      'key-x',
    );
    expect(outcome).toEqual({ status: 'permanent', error: 'not_installed' });
    expect(bed.slack.calls.length).toBe(before);
  });
});
