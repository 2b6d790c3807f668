import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contacts,
  dataDeletions,
  nudges,
  organizations,
  persons,
  slackInstallations,
  spaces,
} from '../../../src/db/schema.js';
import { laterBy, sendEvent, workerPass } from './slackEvents.js';
import { replyText, SlackInstallBed } from './slackInstallBed.js';

describe('Slack: leaving (uninstall, revoked tokens, retention)', () => {
  let bed: SlackInstallBed;

  beforeEach(async () => {
    bed = await SlackInstallBed.start();
  });

  afterEach(async () => {
    await bed.close();
  });

  const posts = () => bed.slack.callsTo('chat.postMessage').filter((call) => !call.failed);
  const pendingNudges = async () =>
    (await bed.db.db.select().from(nudges)).filter((row) => row.status === 'pending');

  /** A student of TALPHA who wrote to someone: a follow-up comes due a week later. */
  async function studentWithFollowUpDue(userId = 'UANA', name = 'Priya Raman'): Promise<void> {
    expect(replyText((await bed.command('TALPHA', userId, `add ${name} at Acme`)).reply)).toContain(
      name.split(' ')[0],
    );
    await bed.command('TALPHA', userId, 'reached #1 by email');
    expect((await pendingNudges()).length).toBeGreaterThan(0);
  }

  it('when the workspace uninstalls, then no send to it is attempted, nothing fails, and one line says so', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    await studentWithFollowUpDue();
    laterBy(bed, 8);

    expect(await sendEvent(bed, 'TALPHA', { type: 'app_uninstalled' })).toBe(200);
    const before = bed.slack.calls.length;
    const pass = await workerPass(bed);

    expect(pass.summary.claimed).toBe(0);
    expect(bed.slack.calls.length).toBe(before);
    const rows = await bed.db.db.select().from(nudges);
    expect(rows.every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
    const [install] = await bed.db.db.select().from(slackInstallations);
    expect(install?.uninstalledAt).toEqual(bed.clock.now);
    const [space] = await bed.db.db.select().from(spaces);
    expect(space?.sendsHeldSince).toEqual(bed.clock.now);
    expect(bed.logLines.filter((line) => line.includes('Slack workspace left'))).toHaveLength(1);

    // Slack retries the event: nothing changes, nothing more is logged.
    expect(await sendEvent(bed, 'TALPHA', { type: 'app_uninstalled' }, { retryNum: 1 })).toBe(200);
    expect(bed.logLines.filter((line) => line.includes('Slack workspace left'))).toHaveLength(1);
  });

  it('when the bot token is revoked, then sends stop the same way, and a revocation of user tokens alone changes nothing', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    await studentWithFollowUpDue();
    laterBy(bed, 8);

    await sendEvent(bed, 'TALPHA', { type: 'tokens_revoked', tokens: { oauth: ['UANA'], bot: [] } });
    expect((await bed.db.db.select().from(slackInstallations))[0]?.uninstalledAt).toBeNull();

    await sendEvent(bed, 'TALPHA', { type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT'] } });
    await workerPass(bed);
    expect(posts()).toEqual([]);
    expect((await bed.db.db.select().from(slackInstallations))[0]?.uninstalledAt).not.toBeNull();
  });

  it('when the retention window passes after an uninstall, then the workspace data is gone and the deletion is recorded without personal data', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    await studentWithFollowUpDue('UANA', 'Priya Raman');
    await studentWithFollowUpDue('UBEN', 'Omar Haddad');
    const uninstalledAt = bed.clock.now;
    await sendEvent(bed, 'TALPHA', { type: 'app_uninstalled' });

    // A day short of the window: everything is still there.
    laterBy(bed, 29);
    await workerPass(bed);
    expect(await bed.db.db.select().from(contacts)).toHaveLength(2);

    laterBy(bed, 1);
    await workerPass(bed);
    expect(await bed.db.db.select().from(persons)).toEqual([]);
    expect(await bed.db.db.select().from(contacts)).toEqual([]);
    expect(await bed.db.db.select().from(nudges)).toEqual([]);
    expect(await bed.db.db.select().from(organizations)).toEqual([]);
    expect(await bed.db.db.select().from(slackInstallations)).toEqual([]);
    expect(posts()).toEqual([]);

    const records = await bed.db.db.select().from(dataDeletions);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'workspace_uninstalled',
      platform: 'slack',
      leftAt: uninstalledAt,
      deletedAt: bed.clock.now,
      persons: 2,
      contacts: 2,
      organizationDeleted: true,
    });
    const recorded = JSON.stringify(records);
    for (const personal of ['Priya', 'Omar', 'UANA', 'UBEN', 'Acme'])
      expect(recorded).not.toContain(personal);

    // The next pass finds nothing more to do.
    await workerPass(bed);
    expect(await bed.db.db.select().from(dataDeletions)).toHaveLength(1);
  });

  it('when the workspace reinstalls inside the window, then everything is kept and the held nudges go out', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    await studentWithFollowUpDue();
    laterBy(bed, 8);
    await sendEvent(bed, 'TALPHA', { type: 'app_uninstalled' });
    await workerPass(bed);
    expect(posts()).toEqual([]);

    laterBy(bed, 2);
    const fresh = await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U' });
    const pass = await workerPass(bed);
    expect(pass.summary.sent).toBeGreaterThan(0);
    expect(posts().at(-1)?.token).toBe(fresh);
    expect((await bed.db.db.select().from(spaces))[0]?.sendsHeldSince).toBeNull();

    // Well past the first uninstall's window: nothing is deleted.
    laterBy(bed, 40);
    await workerPass(bed);
    expect(await bed.db.db.select().from(contacts)).toHaveLength(1);
    expect(await bed.db.db.select().from(dataDeletions)).toEqual([]);
    expect(replyText((await bed.command('TALPHA', 'UANA', 'list')).reply)).toContain('Priya');
  });

  it('when Slack answers a send with invalid_auth, then the workspace is held after one try, with one log line and no retries', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    await studentWithFollowUpDue('UANA', 'Priya Raman');
    await studentWithFollowUpDue('UBEN', 'Omar Haddad');
    laterBy(bed, 8);
    bed.slack.failAlways('chat.postMessage', { error: 'invalid_auth' });

    const first = await workerPass(bed);
    const tries = bed.slack.callsTo('chat.postMessage');
    expect(tries).toHaveLength(1);
    expect(first.summary.failed).toBe(0);
    const held = first.lines.filter((line) => line.msg.includes('its sends are held'));
    expect(held).toHaveLength(1);
    expect(JSON.stringify(held)).not.toContain('xoxb');
    const rows = await bed.db.db.select().from(nudges);
    expect(rows.filter((row) => row.status === 'failed')).toEqual([]);
    expect(rows.every((row) => row.attempts === 0)).toBe(true);
    expect((await bed.db.db.select().from(slackInstallations))[0]?.uninstalledAt).not.toBeNull();

    // Later passes do not try again.
    laterBy(bed, 1);
    await workerPass(bed);
    expect(bed.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when Slack answers account_inactive or token_revoked, then the Notifier says the workspace is gone, not that the send failed', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    const to = {
      personId: 'p',
      platform: 'slack',
      spaceExternalId: 'TALPHA',
      externalUserId: 'UANA',
      dmChannelId: 'DUANA',
    } as const;
    for (const error of ['account_inactive', 'token_revoked', 'invalid_auth']) {
      bed.slack.fail('chat.postMessage', { error });
      expect(await bed.notifier.send(to, { blocks: [{ type: 'header', text: 'Hi' }] }, `k-${error}`)).toEqual(
        {
          status: 'space_gone',
          error,
        },
      );
    }
    // Other refusals stay what they were.
    bed.slack.fail('chat.postMessage', { error: 'channel_not_found' }, 2);
    expect(
      (await bed.notifier.send(to, { blocks: [{ type: 'header', text: 'Hi' }] }, 'k-other')).status,
    ).toBe('permanent');
  });

  it('when a Slack user is deactivated, then their pending nudges are cancelled and their data goes after the window', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    await studentWithFollowUpDue('UANA', 'Priya Raman');
    await studentWithFollowUpDue('UBEN', 'Omar Haddad');
    const [ana] = (await bed.db.db.select().from(persons)).filter((p) =>
      p.displayName.toLowerCase().includes('uana'),
    );
    expect(ana).toBeDefined();

    await sendEvent(bed, 'TALPHA', {
      type: 'user_change',
      user: { id: 'UANA', team_id: 'TALPHA', deleted: true, is_bot: false },
    });
    const rows = await bed.db.db.select().from(nudges);
    expect(rows.filter((row) => row.personId === ana!.id).every((row) => row.status === 'cancelled')).toBe(
      true,
    );
    expect(rows.filter((row) => row.personId !== ana!.id).some((row) => row.status === 'pending')).toBe(true);

    // Ben's reminders still go out; Ana's do not.
    laterBy(bed, 8);
    await workerPass(bed);
    expect(posts().map((call) => call.body.channel)).toEqual(expect.arrayContaining(['DUBEN']));
    expect(posts().map((call) => call.body.channel)).not.toContain('DUANA');

    laterBy(bed, 30);
    await workerPass(bed);
    const left = await bed.db.db.select().from(persons);
    expect(left.map((p) => p.id)).not.toContain(ana!.id);
    expect(await bed.db.db.select().from(contacts)).toHaveLength(1);
    const records = await bed.db.db.select().from(dataDeletions);
    expect(records).toMatchObject([{ kind: 'person_deactivated', persons: 1, contacts: 1 }]);
  });

  it('when a deactivated Slack account comes back before the window ends, then its data is kept', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    await studentWithFollowUpDue('UANA', 'Priya Raman');
    const user = { id: 'UANA', team_id: 'TALPHA', is_bot: false };
    await sendEvent(bed, 'TALPHA', { type: 'user_change', user: { ...user, deleted: true } });
    expect((await bed.db.db.select().from(persons))[0]?.deactivatedAt).not.toBeNull();

    laterBy(bed, 3);
    await sendEvent(bed, 'TALPHA', { type: 'user_change', user: { ...user, deleted: false } });
    expect((await bed.db.db.select().from(persons))[0]?.deactivatedAt).toBeNull();
    laterBy(bed, 40);
    await workerPass(bed);
    expect(await bed.db.db.select().from(contacts)).toHaveLength(1);
    expect(await bed.db.db.select().from(dataDeletions)).toEqual([]);
  });

  it('when an event comes for a team that never installed, then one line is logged and nothing is written', async () => {
    await bed.installWorkspace({ teamId: 'TALPHA' });
    const before = {
      installs: await bed.db.db.select().from(slackInstallations),
      spaces: await bed.db.db.select().from(spaces),
    };
    expect(await sendEvent(bed, 'TNOWHERE', { type: 'app_uninstalled' })).toBe(200);
    expect(
      await sendEvent(bed, 'TNOWHERE', {
        type: 'user_change',
        user: { id: 'UX', team_id: 'TNOWHERE', deleted: true },
      }),
    ).toBe(200);
    expect(await bed.db.db.select().from(slackInstallations)).toEqual(before.installs);
    expect(await bed.db.db.select().from(spaces)).toEqual(before.spaces);
    expect(await bed.db.db.select().from(persons)).toEqual([]);
    expect(bed.logLines.filter((line) => line.includes('without an installation'))).toHaveLength(2);
  });
});
