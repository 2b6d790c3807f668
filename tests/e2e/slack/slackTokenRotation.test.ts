import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackInstallations } from '../../../src/db/schema.js';
import { replyText, SlackInstallBed } from './slackInstallBed.js';

describe('Slack token rotation', () => {
  let bed: SlackInstallBed;

  beforeEach(async () => {
    bed = await SlackInstallBed.start();
  });

  afterEach(async () => {
    await bed.close();
  });

  it('when an installed token is about to expire, then it is refreshed, stored sealed, and the expired one is never used again', async () => {
    // An hour's lifetime is inside the two hours before expiry in which a token is refreshed.
    const first = await bed.installWorkspace({ teamId: 'TALPHA', teamName: 'Alpha U', expiresIn: 3600 });
    const [before] = await bed.db.db.select().from(slackInstallations);
    expect(before?.botExpiresAt).not.toBeNull();

    const added = await bed.command('TALPHA', 'UANA', 'add Priya Raman, UX researcher at Acme');
    expect(replyText(added.reply)).toContain('Priya');
    const refreshes = bed.slack
      .callsTo('oauth.v2.access')
      .filter((call) => call.body.grant_type === 'refresh_token');
    expect(refreshes).toHaveLength(1);

    // The fake Slack now refuses the first token; commands and DMs keep working with the new one.
    const fresh = await bed.dmToken('TALPHA', 'UANA');
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(first);
    expect(replyText((await bed.command('TALPHA', 'UANA', 'list')).reply)).toContain('Priya');
    const usedAfter = bed.slack.calls.filter(
      (call) => call.method !== 'oauth.v2.access' && call.token === first,
    );
    expect(usedAfter.every((call) => call.method === 'auth.test')).toBe(true);

    const [after] = await bed.db.db.select().from(slackInstallations);
    expect(after?.sealed).not.toBe(before?.sealed);
    expect(after?.sealed).not.toContain(fresh);
    expect(bed.logLines.join('')).not.toContain(fresh);
  });
});
