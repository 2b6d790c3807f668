/**
 * The digest's per-student CSV (`digest csv on`) on the hand-computed seeded week (seededWeek.ts),
 * plus a student whose name is a spreadsheet formula: the setting, the file's exact rows, what it
 * must never hold, and the disclosure log of the preview that carried it.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFactsSince } from '../../../src/core/digest/digestFigures.js';
import { digestMessage } from '../../../src/core/digest/digestMessage.js';
import type { Reply } from '../../../src/core/reply.js';
import { digestLog, digestLogStudents, digestSettings } from '../../../src/db/schema.js';
import {
  AT,
  ana,
  ben,
  cai,
  cora,
  dee,
  eve,
  max,
  openSeededWeek,
  SECRET_DETAILS,
  SECRET_NOTE,
  TIMEZONE,
} from './seededWeek.js';
import type { PersonSpec, StaffHarness } from './staffHarness.js';

/** A student who typed a formula as their display name. */
const formula: PersonSpec = { id: 'UEVIL', name: '=HYPERLINK("http://evil.example","click")' };
/** The coordinator of another organization (another Slack workspace). */
const olga: PersonSpec = { id: 'UOLGA', name: 'Olga Other', team: 'TOTHER' };

const HEADER =
  'student,contacts,identified,reached_out,scheduled,met,thanked,keeping_in_touch,no_reply,declined,archived,' +
  'outreach_sent,meetings_held,meetings_logged_by_student,meetings_logged_by_mentor,meetings_confirmed_by_both,' +
  'thank_yous_sent,stalled,last_activity';

/**
 * By hand, for the week of 26 Oct 13:00Z to 2 Nov 14:00Z; stages as they stand at the digest.
 * Ana: Jane (reached out), Omar and Max Mentor (thanked); outreach to Omar and a follow-up to Jane;
 *   her meeting with Max, logged by both; thanks to Max and Omar; last on Omar, 31 Oct 10:00 EDT.
 * Ben: Jane (thanked) and Li (reached out); nothing counted this week (his meetings and his thanks
 *   were the week before); his note on 1 Nov 11:00 EST is his last activity.
 * Cai: Jane (reached out), Sam (thanked); outreach to Jane and Sam and a follow-up to Jane; Sam
 *   (Cai only) and Max (Max only); thanks to Sam; last the follow-up, 31 Oct 11:00 EDT.
 * Dee: nothing. Eve: Old Contact (identified), Zoe (declined), stalled since 10 Oct.
 * The formula: nothing, and the name starts with a quote so a spreadsheet keeps it text.
 */
const ROWS = [
  `"'=HYPERLINK(""http://evil.example"",""click"")",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,`,
  'Ana Alves,3,0,1,0,0,2,0,0,0,0,2,1,1,1,1,2,no,2026-10-31',
  'Ben Brook,2,0,1,0,0,1,0,0,0,0,0,0,0,0,0,0,no,2026-11-01',
  'Cai Chen,2,0,1,0,0,1,0,0,0,0,3,2,1,1,0,1,no,2026-10-31',
  'Dee Diaz,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,',
  'Eve Evans,2,1,0,0,0,0,0,0,1,0,0,0,0,0,0,0,yes,2026-10-10',
];

let h: StaffHarness;
let orgId: string;

const csvOf = (reply: Reply): string | undefined => {
  const file = reply.files?.find((f) => f.contentType === 'text/csv');
  return file === undefined ? undefined : String(file.content);
};

beforeAll(async () => {
  h = await openSeededWeek({ coordinators: [{ platform: 'slack', spaceId: 'TOTHER', userId: 'UOLGA' }] });
  // The formula student joins before the digest's time and keeps no list.
  await h.as(formula);
  await h.as(olga);
  orgId = (await h.as(cora)).orgId;
});

afterAll(async () => {
  await h?.close();
});

describe('the digest csv setting', () => {
  it('when nothing was set, then the CSV is off, bare digest csv says so, and the preview has no CSV', async () => {
    expect(await h.say(cora, 'digest csv', AT)).toContain('The weekly digest goes out without a CSV file.');
    const preview = await h.reply(cora, 'digest preview', AT);
    expect(csvOf(preview)).toBeUndefined();
  });

  it('when a coordinator turns it on and off, then it is saved, shown, and the schedule line says so', async () => {
    const on = await h.say(cora, 'digest csv on', AT);
    expect(on).toContain('The weekly digest now carries a CSV file');
    expect(on).toContain(
      `every Monday at 09:00 (${TIMEZONE}), to each coordinator by DM, with the CSV file per student`,
    );
    expect(await h.say(cora, 'digest csv', AT)).toContain('The weekly digest carries a CSV file');
    const [saved] = await h.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, orgId));
    expect(saved?.attachCsv).toBe(true);
    expect(await h.say(cora, 'digest csv OFF', AT)).toContain(
      'The weekly digest no longer carries the CSV file.',
    );
    expect(await h.say(cora, 'digest csv', AT)).toContain('without a CSV file');
    expect(await h.db.store.transaction((repos) => repos.digest.settings(orgId))).toMatchObject({
      attachCsv: false,
    });
  });

  it('when the words cannot be read, then nothing changes and the usage is shown', async () => {
    const out = await h.say(cora, 'digest csv maybe', AT);
    expect(out).toContain('Say on or off');
    expect(out).toContain('Usage: /rapport digest csv [on|off]');
    expect(await h.say(cora, 'digest csv', AT)).toContain('without a CSV file');
  });

  it('when a student or a mentor tries it, then only coordinators may, and nothing changes', async () => {
    expect(await h.say(ana, 'digest csv on', AT)).toBe('Only coordinators can use that command.');
    expect(await h.say(max, 'digest csv on', AT)).toBe('Only coordinators can use that command.');
    expect(await h.say(ana, 'digest csv', AT)).toBe('Only coordinators can use that command.');
    expect(await h.say(cora, 'digest csv', AT)).toContain('without a CSV file');
  });

  it('when one organization turns it on, then another organization keeps it off', async () => {
    expect(await h.say(olga, 'digest csv on', AT)).toContain('now carries a CSV file');
    expect(await h.say(cora, 'digest csv', AT)).toContain('without a CSV file');
    expect(csvOf(await h.reply(cora, 'digest preview', AT))).toBeUndefined();
    expect(await h.say(olga, 'digest csv off', AT)).toContain('no longer carries');
    // And the other way round.
    expect(await h.say(cora, 'digest csv on', AT)).toContain('now carries a CSV file');
    expect(await h.say(olga, 'digest csv', AT)).toContain('without a CSV file');
    expect(await h.say(cora, 'digest csv off', AT)).toContain('no longer carries');
  });
});

describe('the CSV file', () => {
  let csv: string;
  let preview: Reply;

  beforeAll(async () => {
    expect(await h.say(cora, 'digest csv on', AT)).toContain('now carries a CSV file');
    preview = await h.reply(cora, 'digest preview', AT);
    csv = csvOf(preview) ?? '';
  });

  it('when the coordinator previews the digest with the CSV on, then the file comes with it, named for the day', () => {
    const file = preview.files?.find((f) => f.contentType === 'text/csv');
    expect(file).toMatchObject({ filename: 'rapport-digest-2026-11-02.csv', contentType: 'text/csv' });
  });

  it('when the seeded week is written out, then the header and every row match the hand count', () => {
    expect(csv.split('\n')).toEqual([HEADER, ...ROWS, '']);
  });

  it('when the rows are added up, then they give the digest text’s week figures', async () => {
    const at = new Date(AT);
    const facts = await h.db.store.transaction((repos) =>
      repos.digest.facts(orgId, digestFactsSince(at, TIMEZONE), at),
    );
    const { figures } = digestMessage(facts, at, TIMEZONE, 'University', { csv: true });
    const column = (name: string) => {
      const index = HEADER.split(',').indexOf(name);
      // The formula's row is quoted and holds commas: read the counts from the end of each row.
      const fromEnd = HEADER.split(',').length - index;
      return ROWS.map((r) => Number(r.split(',').at(-fromEnd))).reduce((a, b) => a + b, 0);
    };
    expect(column('outreach_sent')).toBe(figures.current.outreachSent);
    expect(column('meetings_held')).toBe(figures.current.meetings.held);
    expect(column('meetings_logged_by_student')).toBe(figures.current.meetings.studentLogged);
    expect(column('meetings_logged_by_mentor')).toBe(figures.current.meetings.mentorLogged);
    expect(column('meetings_confirmed_by_both')).toBe(figures.current.meetings.confirmedByBoth);
    expect(column('thank_yous_sent')).toBe(figures.current.thankYous.sent);
  });

  it('when the file is read whole, then no email, profile link, note, contact, company or role is in it', () => {
    // The formula student's own name holds a URL: it is the one place a link may appear, quoted.
    const rows = csv.split('\n').slice(1).join('\n').replace(ROWS[0]!, '');
    for (const secret of [
      ...SECRET_DETAILS,
      SECRET_NOTE,
      'TOPSECRET',
      '@',
      'http://',
      'https://',
      'Jane',
      'Omar',
      'Sam Lee',
      'Li Wu',
      'Zoe',
      'Old Contact',
      'Figma',
      'Acme',
      'Stripe',
      'Max Mentor',
      'Cora',
      'student',
      'mentor',
      'coordinator',
    ]) {
      expect(rows, secret).not.toContain(secret);
    }
    expect(csv).not.toMatch(/(^|\n|,)=/);
  });

  it('when the preview carried the CSV, then the log records every student named in it', async () => {
    const [entry] = await h.db.db
      .select()
      .from(digestLog)
      .where(and(eq(digestLog.orgId, orgId), eq(digestLog.kind, 'preview')))
      .orderBy(desc(digestLog.createdAt))
      .limit(1);
    expect(entry).toBeDefined();
    const recorded = await h.db.db
      .select({ personId: digestLogStudents.personId })
      .from(digestLogStudents)
      .where(eq(digestLogStudents.digestLogId, entry!.id));
    const ids = await Promise.all(
      [formula, ana, ben, cai, dee, eve].map(async (p) => (await h.as(p)).personId),
    );
    expect(recorded.map((r) => r.personId).sort()).toEqual([...ids].sort());
    expect(entry!.studentCount).toBe(ROWS.length);
  });
});
