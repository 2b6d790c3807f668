import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDeletions, organizations, slackInstallations, spaces } from '../../../src/db/schema.js';
import { laterBy, sendEvent, workerPass } from './slackEvents.js';
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

  it('when the enterprise uninstalls org-wide, then both workspaces are held at once, and after the window its organization is gone with one record', async () => {
    await bed.installWorkspace({ enterpriseId: 'EGRID', orgWide: true });
    await bed.command('TNORTH', 'UANA', 'add Priya Raman at Acme', 'EGRID', true);
    await bed.command('TSOUTH', 'UBEN', 'add Omar Haddad at Initech', 'EGRID', true);

    expect(
      await sendEvent(bed, 'TNORTH', { type: 'app_uninstalled' }, { enterpriseId: 'EGRID', orgWide: true }),
    ).toBe(200);
    const held = await bed.db.db.select().from(spaces).where(eq(spaces.platform, 'slack'));
    expect(held.map((row) => row.sendsHeldSince)).toEqual([bed.clock.now, bed.clock.now]);
    expect((await bed.db.db.select().from(slackInstallations))[0]?.uninstalledAt).toEqual(bed.clock.now);
    expect(await bed.dmToken('TSOUTH', 'UBEN')).toBeUndefined();

    laterBy(bed, 30);
    await workerPass(bed);
    expect(await bed.db.db.select().from(organizations)).toEqual([]);
    expect(await bed.db.db.select().from(dataDeletions)).toMatchObject([
      { kind: 'workspace_uninstalled', persons: 2, contacts: 2, organizationDeleted: true },
    ]);
  });
});
