/**
 * Export and forget-me are complete. A student with something in every table (contacts with
 * details, notes, questions, meetings, a mentor's log, reminders, a pending code, appearances in
 * the digest log) exports, then is forgotten; afterwards every uuid, jsonb and text column of every
 * table is searched for their id.
 *
 * Decision on the digest log: which students a digest or report carried is kept one row per
 * student in `digest_log_students`, whose `person_id` cascades, so forgetting a student removes
 * them from every entry; the entry itself stays (when, what, to whom, `student_count` as sent).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKeys } from '../../../src/bot/slack/deliveryLog.js';
import { slackDeliveryLog } from '../../../src/db/deliveryLog.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const max: PersonSpec = { id: 'UMAX', name: 'Max Mentor' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };
const bo: PersonSpec = { id: 'UBO', name: 'Bo Berg' };

let h: StaffHarness;
let anaId: string;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  Array.isArray(result) ? result : ((result as { rows: Row[] }).rows ?? []);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every place in the database where `value` (an id, a platform user id, a name) still appears:
 * `table.column` with a count. Uuid columns are compared when it is a uuid; text and jsonb
 * columns are searched for it.
 */
async function whereIdAppears(value: string): Promise<Record<string, number>> {
  const columns = rowsOf(
    await h.db.db.execute(sql`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and data_type in ('uuid', 'jsonb', 'text')
      order by table_name, column_name`),
  ) as { table_name: string; column_name: string; data_type: string }[];
  expect(columns.length).toBeGreaterThan(20);
  const found: Record<string, number> = {};
  for (const c of columns) {
    if (c.data_type === 'uuid' && !UUID.test(value)) continue;
    const column = sql.identifier(c.column_name);
    const match =
      c.data_type === 'uuid' ? sql`${column} = ${value}::uuid` : sql`strpos(${column}::text, ${value}) > 0`;
    const [row] = rowsOf(
      await h.db.db.execute(
        sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${match}`,
      ),
    );
    const n = Number(row?.n ?? 0);
    if (n > 0) found[`${c.table_name}.${c.column_name}`] = n;
  }
  return found;
}

async function countWhere(table: string, column: string, id: string): Promise<number> {
  const [row] = rowsOf(
    await h.db.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id}::uuid`,
    ),
  );
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.as(max);
  await h.say(cora, 'role <@UMAX|max> mentor');
  anaId = (await h.as(ana)).personId;
  await h.say(ana, 'add Jane Doe at Figma as UX Researcher via alumni jane@figma.com');
  await h.say(ana, 'add Max Mentor at University https://example.org/max');
  await h.say(ana, 'note jane ANA-NOTE likes research ops');
  await h.say(ana, 'ask jane What surprised you most in your first year?');
  await h.say(ana, 'reached jane by email');
  await h.say(ana, 'scheduled jane 2026-11-05 15:00 for 30 min video');
  await h.say(max, 'log <@UANA|ana> on 2026-11-02 10:00 for 30 min career paths', '2026-11-02T16:00:00Z');
  await h.say(ana, 'link', '2026-11-02T16:05:00Z'); // a pending one-time code
  // Bo keeps Ana on his list: his contact stays his, but loses the link to her.
  await h.say(bo, 'add Ana Alves at University');
  await h.db.db.execute(sql`update contacts set person_id = ${anaId}::uuid where name = 'Ana Alves'`);
  await h.say(cora, 'digest preview', '2026-11-02T17:00:00Z');
  await h.say(cora, 'report');
});
afterAll(async () => {
  await h?.close();
});

describe('export', () => {
  it('when a student exports, then the files hold every contact, note, question, meeting, reminder and identity of theirs', async () => {
    const reply = await h.reply(ana, 'export', '2026-11-02T18:00:00Z');
    const json = reply.files?.find((f) => f.contentType === 'application/json');
    const data = JSON.parse(String(json?.content)) as {
      contacts: {
        name: string;
        email: string | null;
        profileUrl: string | null;
        timeline: { body: string | null }[];
        questions: { text: string }[];
      }[];
      meetingsAsStudent: { id: string }[];
      reminders: { id: string }[];
      identities: { user: string }[];
    };
    expect(data.contacts.map((c) => c.name)).toEqual(['Jane Doe', 'Max Mentor']);
    expect(data.contacts[0]?.email).toBe('jane@figma.com');
    expect(data.contacts[1]?.profileUrl).toBe('https://example.org/max');
    expect(data.contacts.flatMap((c) => c.timeline).some((e) => e.body?.includes('ANA-NOTE'))).toBe(true);
    expect(data.contacts[0]?.questions.map((q) => q.text)).toEqual([
      'What surprised you most in your first year?',
    ]);
    expect(data.identities.map((i) => i.user)).toEqual(['UANA']);
    // As many rows as the database holds for her, table by table.
    const timelineRows = rowsOf(
      await h.db.db.execute(
        sql`select count(*)::int as n from timeline_events t join contacts c on c.id = t.contact_id where c.owner_id = ${anaId}::uuid`,
      ),
    );
    expect(data.contacts.flatMap((c) => c.timeline)).toHaveLength(Number(timelineRows[0]?.n));
    expect(data.meetingsAsStudent).toHaveLength(await countWhere('meetings', 'student_id', anaId));
    expect(data.reminders).toHaveLength(await countWhere('nudges', 'person_id', anaId));
    expect(data.meetingsAsStudent.length).toBe(2);
  });

  it('when a student asks who received their data, then every digest preview and report that carried it is listed', async () => {
    const org = (await h.as(cora)).orgId;
    const disclosures = await h.db.store.transaction((repos) => repos.digest.disclosuresAbout(org, anaId));
    expect(disclosures.map((d) => d.kind).sort()).toEqual(['preview', 'report']);
    const coraId = (await h.as(cora)).personId;
    expect(disclosures.every((d) => d.recipient === `dm:${coraId}`)).toBe(true);
  });
});

describe('forget-me', () => {
  it('when a student confirms forget-me, then no table holds their id any more, and the digest log keeps its entries without them', async () => {
    const before = await whereIdAppears(anaId);
    // She is everywhere a student can be, so the check below means something.
    for (const place of [
      'persons.id',
      'identities.person_id',
      'contacts.owner_id',
      'contacts.person_id',
      'timeline_events.author_id',
      'meetings.student_id',
      'nudges.person_id',
      'one_time_codes.person_id',
      'digest_log_students.person_id',
    ]) {
      expect(before[place], place).toBeGreaterThan(0);
    }
    const ask = await h.say(ana, 'forget-me', '2026-11-02T19:00:00Z');
    const code = /forget-me ([A-Z0-9]{6})/.exec(ask)?.[1];
    expect(code).toBeDefined();
    expect(await h.say(ana, `forget-me ${code}`)).toContain('Everything Rapport kept about you is deleted');

    expect(await whereIdAppears(anaId)).toEqual({});
    // Bo's contact stays his; Jane, the meetings, Max's log and Ana's reminders went with her.
    expect(
      await h.db.db
        .execute(sql`select count(*)::int as n from contacts where name = 'Ana Alves' and person_id is null`)
        .then((r) => Number(rowsOf(r)[0]?.n)),
    ).toBe(1);
    expect(
      Number(
        rowsOf(await h.db.db.execute(sql`select count(*)::int as n from contacts where name = 'Jane Doe'`))[0]
          ?.n,
      ),
    ).toBe(0);
    const log = rowsOf(await h.db.db.execute(sql`select kind, student_count from digest_log order by kind`));
    expect(log.map((r) => r.kind)).toEqual(['preview', 'report']);
    expect(log.every((r) => Number(r.student_count) === 2)).toBe(true);
    // The coordinator's log still reads, with Bo as the one student now on record.
    expect(await h.command(cora, 'digest log')).toMatch(/CSV report to DM to Cora Coordinator/);
  });
});

describe('forget-me leaves no traces elsewhere', () => {
  it("when a Slack student is forgotten, then no key of a request she sent names her Slack user id, and other people's keys stay", async () => {
    const eva: PersonSpec = { id: 'UEVA', name: 'Eva Early' };
    await h.as(eva);
    const firstDelivery = slackDeliveryLog(h.db.db);
    for (const key of [
      deliveryKeys.command('TUNIV', 'UEVA', '111.222.aaa'),
      deliveryKeys.action('TUNIV', 'UEVA', '1700000000.000100'),
      deliveryKeys.view('TUNIV', 'UEVA', 'V0EVA'),
      deliveryKeys.command('TUNIV', 'UBO', '333.444.bbb'),
    ]) {
      expect(await firstDelivery(key)).toBe(true);
    }
    expect(await whereIdAppears('UEVA')).toEqual({
      'identities.external_user_id': 1,
      'processed_requests.key': 3,
    });

    const code = /forget-me ([A-Z0-9]{6})/.exec(await h.say(eva, 'forget-me', '2026-11-03T09:00:00Z'))?.[1];
    expect(await h.say(eva, `forget-me ${code}`)).toContain('Everything Rapport kept about you is deleted');

    expect(await whereIdAppears('UEVA')).toEqual({});
    expect(await whereIdAppears('UBO')).toEqual({
      'identities.external_user_id': 1,
      'processed_requests.key': 1,
    });
  });

  it("when a mentor is forgotten, then his name, id and typed topics are gone from his student's pending reminder, which stays pending", async () => {
    const leo: PersonSpec = { id: 'ULEO', name: 'Leo Lindqvist' };
    const fay: PersonSpec = { id: 'UFAY', name: 'Fay Fern' };
    const leoId = (await h.as(leo)).personId;
    await h.as(fay);
    await h.say(cora, 'role <@ULEO|leo> mentor', '2026-11-03T10:00:00Z');
    expect(await h.say(leo, 'log <@UFAY|fay> for 45 min LEO-TOPICS salary talk')).toContain(
      'Logged your meeting with Fay Fern',
    );
    const reminder = sql`select status, payload from nudges where kind = 'mentor_logged' and payload ->> 'durationMinutes' = '45'`;
    const [before] = rowsOf(await h.db.db.execute(reminder));
    expect(before?.payload).toMatchObject({ mentorId: leoId, mentorName: 'Leo Lindqvist' });
    expect(JSON.stringify(before?.payload)).toContain('LEO-TOPICS');

    const code = /forget-me ([A-Z0-9]{6})/.exec(await h.say(leo, 'forget-me'))?.[1];
    expect(await h.say(leo, `forget-me ${code}`)).toContain('Everything Rapport kept about you is deleted');

    const [after] = rowsOf(await h.db.db.execute(reminder));
    expect(after?.status).toBe('pending');
    expect(after?.payload).not.toHaveProperty('mentorId');
    expect(after?.payload).not.toHaveProperty('mentorName');
    expect(after?.payload).not.toHaveProperty('topics');
    expect(await whereIdAppears(leoId)).toEqual({});
    expect(await whereIdAppears('Leo Lindqvist')).toEqual({});
    expect(await whereIdAppears('ULEO')).toEqual({});
    // The topics stay only on Fay's own record of the meeting, never in a reminder.
    expect(await whereIdAppears('LEO-TOPICS')).toEqual({ 'meetings.topics': 1 });
  });
});
