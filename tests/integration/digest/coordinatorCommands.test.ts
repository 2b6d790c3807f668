/**
 * The coordinator's commands on a real database: roles (and the last coordinator), the digest's
 * channel and time, stats, the CSV report, the digest log, and attaching a Discord server to the
 * Slack workspace's organization with a one-time code.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestLog, digestSettings, persons } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from './staffHarness.js';

const GUILD = '900000000000000001';
const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };
const ben: PersonSpec = { id: 'UBEN', name: 'Ben Brook' };
const formula: PersonSpec = { id: 'UEVIL', name: '=HYPERLINK("http://evil")' };
// A second organization on another Slack workspace.
const olga: PersonSpec = { id: 'UOLGA', name: 'Olga Other', team: 'TOTHER' };
const otto: PersonSpec = { id: 'UOTTO', name: 'Otto Other', team: 'TOTHER' };
// A Discord server, its coordinator and a member.
const dan: PersonSpec = { id: '800000000000000001', name: 'Dan Discord', team: GUILD, platform: 'discord' };
const mia: PersonSpec = { id: '800000000000000002', name: 'Mia Moss', team: GUILD, platform: 'discord' };

let h: StaffHarness;
beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    timezone: 'Europe/Paris',
    coordinators: [
      { platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' },
      { platform: 'slack', spaceId: 'TOTHER', userId: 'UOLGA' },
      { platform: 'discord', spaceId: GUILD, userId: dan.id },
    ],
  });
  for (const p of [ana, ben, otto, mia]) await h.as(p);
  // The channels Slack and Discord would report: each in its own space, one shared by two.
  h.channels
    .add('slack', 'C0CAREERS', 'TUNIV')
    .add('slack', 'C0OTHERS', 'TOTHER')
    .add('slack', 'C0SHARED', 'TOTHER', 'TUNIV')
    .add('discord', '700000000000000001', GUILD);
  await h.say(ana, 'add Jane Doe at Figma as UX Researcher jane@figma.com');
  await h.say(ana, 'note jane PRIVATE-NOTE-TEXT');
  await h.say(ana, 'reached jane');
});
afterAll(async () => {
  await h?.close();
});

const roleOf = async (p: PersonSpec) => (await h.as(p)).role;

describe('role', () => {
  it('when a coordinator names someone by Slack mention, then their role changes, and a coordinator can be demoted while another remains', async () => {
    expect(await h.say(cora, 'role <@UBEN|ben> coordinator')).toContain('Ben Brook is now a coordinator.');
    expect(await roleOf(ben)).toBe('coordinator');
    expect(await h.say(cora, 'role <@UBEN|ben> mentor')).toContain('Ben Brook is now a mentor.');
    expect(await roleOf(ben)).toBe('mentor');
  });

  it('when the only coordinator would be demoted, then it is refused and nothing changes', async () => {
    const out = await h.say(cora, 'role @cora student');
    expect(out).toContain(
      'You are the only coordinator of your organization; make someone else coordinator first.',
    );
    expect(await roleOf(cora)).toBe('coordinator');
  });

  it('when a coordinator names a person of another organization, then nobody of that organization is found or changes', async () => {
    // A mention typed in Cora's workspace can only mean someone of her workspace: it sets up a
    // newcomer there (roles before first use) and never reaches the Otto of the other organization.
    expect(await h.say(cora, 'role <@UOTTO|otto> coordinator')).toContain("haven't used Rapport yet");
    expect(await h.say(cora, 'role "Otto Other" coordinator')).toContain(
      "I couldn't find that person in your organization",
    );
    expect(await roleOf(otto)).toBe('student');
  });

  it('when a name fits several people, then the coordinator gets a pick-list', async () => {
    await h.as({ id: 'UANA2', name: 'Ana Amaral' });
    const out = await h.say(cora, 'role ana mentor');
    expect(out).toContain('Several people match that name');
    expect(out).toContain('Ana Alves');
    expect(out).toContain('Ana Amaral');
  });

  it('when a student or a mentor tries it, then they are told only coordinators can', async () => {
    expect(await h.say(ana, 'role @cora student')).toBe('Only coordinators can use that command.');
    expect(await h.say(ben, 'report')).toBe('Only advisors and coordinators can use that command.');
  });
});

describe('digest settings', () => {
  it('when the channel or time cannot be read, then nothing is saved and the usage is shown', async () => {
    const org = (await h.as(cora)).orgId;
    expect(await h.say(cora, 'digest channel #careers')).toContain('Pick the channel from the list');
    expect(await h.say(cora, 'digest at someday 9')).toContain('Usage:');
    expect(await h.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, org))).toHaveLength(0);
  });

  it("when the channel is another organization's, or one the platform does not know, then one sentence says so and nothing is saved", async () => {
    const org = (await h.as(cora)).orgId;
    for (const channel of ['<#C0OTHERS|others>', '<#C0NOWHERE|nowhere>']) {
      const out = await h.say(cora, `digest channel ${channel}`);
      expect(out).toContain(
        "That channel is not in one of your organization's workspaces or servers, so the digest cannot go there; if it is a private channel, invite Rapport to it first.",
      );
    }
    // A Discord channel id typed from Slack is looked up as a Slack one: not found.
    expect(await h.command(dan, 'digest channel', { channel: '<#C0CAREERS|careers>' })).toContain(
      'is not in one of your organization',
    );
    expect(await h.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, org))).toHaveLength(0);
  });

  it('when the platform cannot be asked about the channel, then nothing is saved and the coordinator is asked to try again', async () => {
    const org = (await h.as(cora)).orgId;
    h.channels.down = true;
    try {
      expect(await h.say(cora, 'digest channel <#C0CAREERS|careers>')).toContain(
        'I could not check that channel just now, so nothing changed; please try again in a minute.',
      );
    } finally {
      h.channels.down = false;
    }
    expect(await h.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, org))).toHaveLength(0);
  });

  it('when a Slack channel is shared with the workspace, then it counts as the organization own', async () => {
    expect(await h.say(cora, 'digest channel <#C0SHARED|shared>')).toContain('now goes to #shared');
  });

  it('when the channel and time are set, then they are saved and the preview says where and when it goes', async () => {
    await h.say(cora, 'digest channel <#C0CAREERS|careers>');
    expect(await h.say(cora, 'digest at tue 8:30')).toContain(
      'every Tuesday at 08:30 (Europe/Paris), in channel C0CAREERS',
    );
    const org = (await h.as(cora)).orgId;
    const [saved] = await h.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, org));
    expect(saved).toMatchObject({ platform: 'slack', channelId: 'C0CAREERS', weekday: 2, minuteOfDay: 510 });
    expect(await h.say(cora, 'digest channel off')).toContain('by direct message');
    expect(await h.say(cora, 'digest preview')).toContain(
      'every Tuesday at 08:30 (Europe/Paris), to each coordinator by DM',
    );
  });
});

describe('stats, report and the log', () => {
  it('when a coordinator asks for stats, then the weeks and the funnel are counted', async () => {
    const out = await h.say(cora, 'stats 2');
    expect(out).toContain('Figures for the last 2 weeks');
    // Ana added Jane and reached out to her: one contact at each of the first two steps.
    expect(out).toMatch(/Added: 1/);
    expect(out).toMatch(/Reached out: 1 \(100% of the step before\)/);
    expect(out).toMatch(/Scheduled: 0 \(0% of the step before\)/);
    expect(await h.say(cora, 'stats 60')).toContain('from 1 to 52');
  });

  it('when a coordinator asks for the report, then the CSV has counts per student, no contact details, and a name cannot become a formula', async () => {
    await h.as(formula);
    const reply = await h.reply(cora, 'report');
    const csv = String(reply.files?.[0]?.content);
    expect(reply.files?.[0]).toMatchObject({ contentType: 'text/csv' });
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe(
      'student,contacts,identified,reached_out,scheduled,met,thanked,keeping_in_touch,no_reply,declined,archived,meetings_held,meetings_logged_by_mentor,meetings_confirmed_by_both,thank_yous,last_activity',
    );
    expect(rows.find((r) => r.startsWith('Ana Alves,'))).toMatch(
      /^Ana Alves,1,0,1,0,0,0,0,0,0,0,0,0,0,0,2026-11-02T14:00:00.000Z$/,
    );
    expect(rows.some((r) => r.startsWith(`"'=HYPERLINK(""http://evil"")"`))).toBe(true);
    for (const secret of ['Jane', 'Figma', 'jane@figma.com', 'UX Researcher', 'PRIVATE-NOTE-TEXT', 'Otto']) {
      expect(csv).not.toContain(secret);
    }
  });

  it('when a coordinator lists the log, then every preview, stats and report is there with its requester and count', async () => {
    const out = await h.command(cora, 'digest log');
    expect(out).toMatch(
      /CSV report to DM to Cora Coordinator \(asked by Cora Coordinator, \d students' data\)/,
    );
    expect(out).toMatch(/Stats to DM to Cora Coordinator/);
    expect(out).toMatch(/Digest preview to DM to Cora Coordinator/);
    const org = (await h.as(cora)).orgId;
    const rows = await h.db.db.select().from(digestLog).where(eq(digestLog.orgId, org));
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['preview', 'stats', 'report']));
    expect(rows.every((r) => r.sentAt !== null && r.requestedById !== null)).toBe(true);
  });
});

/** The code in a `space code` reply. */
function codeIn(reply: string): string {
  const code = /space join ([A-Z0-9]{6})/.exec(reply)?.[1];
  if (!code) throw new Error(`no code in: ${reply}`);
  return code;
}

/** Rows per organization in every table that has an `org_id` column. */
async function countsByTable(orgId: string): Promise<Record<string, number>> {
  const tables = (await h.db.db.execute(
    sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by table_name`,
  )) as unknown as { rows?: { table_name: string }[] } & { table_name: string }[];
  const names = (tables.rows ?? tables).map((t) => t.table_name);
  const counts: Record<string, number> = {};
  for (const name of names) {
    const result = (await h.db.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(name)} where org_id = ${orgId}`,
    )) as unknown as { rows: { n: number }[] } | { n: number }[];
    const rows = 'rows' in result ? result.rows : result;
    counts[name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

describe('one organization, two platforms', () => {
  it('when a Discord server joins with a Slack coordinator code, then all its rows move into the organization and the old one is gone', async () => {
    const slackOrg = (await h.as(cora)).orgId;
    const discordOrg = (await h.as(dan)).orgId;
    expect(discordOrg).not.toBe(slackOrg);
    // Give the Discord organization a little of everything it can have without contacts.
    await h.command(dan, 'role', { person: mia.id, role: 'mentor' });
    await h.command(dan, 'role', { person: mia.id, role: 'student' });
    await h.command(dan, 'digest channel', { channel: '<#700000000000000001>' });
    await h.command(dan, 'stats', { weeks: 2 });
    await h.command(dan, 'space code');
    // A cohort of the same name as one of the Slack organization's, with Mia in it.
    await h.say(cora, 'cohort create Fellows');
    await h.command(dan, 'cohort create', { name: 'Fellows' });
    await h.command(dan, 'cohort add', { cohort: '1', people: mia.id });
    const code = codeIn(await h.command(cora, 'space code'));
    const before = { slack: await countsByTable(slackOrg), discord: await countsByTable(discordOrg) };
    expect(before.discord.persons).toBe(2);
    expect(await h.command(dan, 'space join', { code })).toContain('this space now belongs to University');

    const after = { slack: await countsByTable(slackOrg), discord: await countsByTable(discordOrg) };
    expect(Object.values(after.discord).every((n) => n === 0)).toBe(true);
    for (const [table, n] of Object.entries(before.slack)) {
      // Pending codes and the old digest settings are dropped; every other row moves.
      const moved =
        table === 'one_time_codes' || table === 'digest_settings' ? 0 : (before.discord[table] ?? 0);
      expect(after.slack[table], table).toBe(n + moved);
    }
    // Dan and Mia are now people of the Slack organization: the digest counts Mia, Cora can name her.
    expect((await h.as(dan)).orgId).toBe(slackOrg);
    const cohortsNow = await h.say(cora, 'cohort list');
    expect(cohortsNow).toContain('#1 Fellows · 0 members');
    expect(cohortsNow).toContain('#2 Fellows (1) · 1 member');
    expect(await h.say(cora, 'digest preview')).toContain('Mia Moss');
    expect(await h.say(cora, 'role "Mia Moss" mentor')).toContain('Mia Moss is now a mentor.');
    expect((await h.as(dan)).role).toBe('coordinator');
    // The code worked once.
    expect(await h.command(dan, 'space join', { code })).toContain('unknown or expired');
  });

  it("when the joining space has contacts, the person is no coordinator there, the code is the organization's own or expired, then the join is refused", async () => {
    const first = codeIn(await h.command(olga, 'space code', {}, '2026-11-02T15:00:00Z'));
    expect(await h.command(cora, 'space join', { code: first })).toContain(
      'Students here already keep contacts',
    );
    const newGuild: PersonSpec = {
      id: '800000000000000009',
      name: 'Nell New',
      team: '900000000000000002',
      platform: 'discord',
    };
    expect(await h.command(newGuild, 'space join', { code: first })).toBe(
      'Only coordinators can use that command.',
    );
    const own = codeIn(await h.command(olga, 'space code', {}, '2026-11-02T15:20:00Z'));
    expect(await h.command(olga, 'space join', { code: own })).toContain(
      'already belongs to that organization',
    );
    expect(await h.command(olga, 'space join', { code: own }, '2026-11-02T15:31:00Z')).toContain(
      'unknown or expired',
    );
  });

  it('when a mentor of the joined space asks for a space code, then only coordinators may', async () => {
    expect(await h.command(mia, 'space code')).toMatch(/^Only (coordinators|mentors)/);
    const [mi] = await h.db.db.select().from(persons).where(eq(persons.displayName, 'Mia Moss'));
    expect(mi?.orgId).toBe((await h.as(cora)).orgId);
  });
});
