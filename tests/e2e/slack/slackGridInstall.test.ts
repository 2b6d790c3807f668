import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackInstallations, spaces } from '../../../src/db/schema.js';
import { replyText, SlackInstallBed } from './slackInstallBed.js';

describe('Enterprise Grid org-wide install', () => {
  let bed: SlackInstallBed;

  beforeEach(async () => {
    bed = await SlackInstallBed.start();
  });

  afterEach(async () => {
    await bed.close();
  });

  it('when an enterprise installs org-wide, then its workspaces are spaces of one organization and a command from either lands there', async () => {
    const token = await bed.installWorkspace({
      enterpriseId: 'EGRID',
      enterpriseName: 'Big State System',
      orgWide: true,
    });
    const [install] = await bed.db.db.select().from(slackInstallations);
    expect(install?.installKey).toBe('enterprise:EGRID');
    expect(install?.teamId).toBeNull();

    const added = await bed.command(
      'TNORTH',
      'UANA',
      'add Priya Raman, UX researcher at Acme',
      'EGRID',
      true,
    );
    expect(replyText(added.reply)).toContain('Priya');
    const south = await bed.command('TSOUTH', 'UBEN', 'list', 'EGRID', true);
    expect(south.status).toBe(200);
    expect(south.reply).toBeDefined();

    const rows = await bed.db.db.select().from(spaces).where(eq(spaces.platform, 'slack'));
    expect(rows.map((row) => row.externalId).sort()).toEqual(['TNORTH', 'TSOUTH']);
    expect(new Set(rows.map((row) => row.orgId))).toEqual(new Set([install?.orgId]));
    // Both workspaces were served with the enterprise's one token.
    expect(bed.slack.callsTo('users.info').map((call) => call.token)).toEqual([token, token]);

    // The worker reaches a person of either workspace with the enterprise's token.
    // What the worker's Notifier sends goes out with the workspace's token.
    expect(await bed.dmToken('TSOUTH', 'UBEN')).toBe(token);
  });

  it('when a workspace outside the enterprise sends a command, then the enterprise install does not answer it', async () => {
    await bed.installWorkspace({ enterpriseId: 'EGRID', orgWide: true });
    const result = await bed.command('TOTHER', 'UX', 'list', 'EOTHER', true);
    expect(result.reply).toBeUndefined();
    expect(await bed.db.db.select().from(spaces)).toEqual([]);
  });
});
