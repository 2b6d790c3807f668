/**
 * The authorization matrix: every command of the Rapport's own list (so a new command cannot
 * escape it) for every role, aimed at the actor's own organization and at another organization's
 * data, plus every button and autocomplete. It checks that:
 * - a role a command does not allow gets the refusal sentence, and nothing else;
 * - nothing of organization B (names of its people and contacts, notes, questions, topics, email)
 *   ever shows in a reply or a file to someone of organization A, and no row of B changes;
 * - inside A, a coordinator or mentor never sees a student's contacts, notes or questions;
 * - no row anywhere links two organizations.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Command, RawArgs } from '../../../src/core/command.js';
import type { Role } from '../../../src/core/domain.js';
import { ACTION_IDS, type Reply } from '../../../src/core/reply.js';
import { openStaffHarness, type PersonSpec, plain, type StaffHarness } from '../digest/staffHarness.js';

const REFUSALS = {
  mentor: 'Only mentors (and coordinators) can use that command. A coordinator can give you the mentor role.',
  coordinator: 'Only coordinators can use that command.',
  advisor: 'Only advisors and coordinators can use that command.',
} as const;

/** The refusal a role gets from a command it may not run. */
const refusalOf = (command: Command) =>
  REFUSALS[
    command.roles.includes('mentor')
      ? 'mentor'
      : command.roles.includes('advisor')
        ? 'advisor'
        : 'coordinator'
  ];

// Organization A (Slack workspace TA).
const coordA: PersonSpec = { id: 'UCA', name: 'Coco Alpha', team: 'TA' };
const mentorA: PersonSpec = { id: 'UMA', name: 'Mo Alpha', team: 'TA' };
const studentA: PersonSpec = { id: 'USA', name: 'Stu Alpha', team: 'TA' };
const bystanderA: PersonSpec = { id: 'UBA', name: 'Bea Alpha', team: 'TA' };
const advisorA: PersonSpec = { id: 'UAA', name: 'Ada Alpha', team: 'TA' };
// Organization B (Slack workspace TB); everything of it is secret to A.
const coordB: PersonSpec = { id: 'UCB', name: 'Quinn Bravoname', team: 'TB' };
const mentorB: PersonSpec = { id: 'UMB', name: 'Rory Bravoname', team: 'TB' };
const studentB: PersonSpec = { id: 'USB', name: 'Sasha Bravoname', team: 'TB' };

/** What must never reach organization A. */
const B_SECRETS = [
  'Bravoname',
  'Zed Secretname',
  'Secretcorp',
  'zed@secret.example',
  'B-SECRET-NOTE',
  'B-SECRET-QUESTION',
  'B-SECRET-TOPICS',
  'B-SECRET-COHORT',
];
/** Stu's private things: only Stu may see them. */
const STU_SECRETS = [
  'Priya Private',
  'PrivCorp',
  'priya@priv.example',
  'A-PRIVATE-NOTE',
  'A-PRIVATE-QUESTION',
];

let h: StaffHarness;
const actors = new Map<Role, PersonSpec>([
  ['student', studentA],
  ['mentor', mentorA],
  ['coordinator', coordA],
  ['advisor', advisorA],
]);
const ids = { orgA: '', orgB: '', studentB: '', contactB: '', nudgeB: '', contactStu: '', linkCodeB: '' };

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  Array.isArray(result) ? result : ((result as { rows: Row[] }).rows ?? []);

async function orgTables(): Promise<string[]> {
  return rowsOf(
    await h.db.db.execute(
      sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by table_name`,
    ),
  ).map((r) => String(r.table_name));
}

/** Every row of organization B, table by table, as sorted JSON. */
async function snapshotOf(orgId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of await orgTables()) {
    const rows = rowsOf(
      await h.db.db.execute(
        sql`select to_jsonb(t)::text as j from ${sql.identifier(table)} t where org_id = ${orgId}`,
      ),
    );
    snapshot[table] = rows.map((r) => String(r.j)).sort();
  }
  return snapshot;
}

/** A value for each option name a command may have; own-organization and other-organization variants. */
function argVariants(command: Command, scope: 'own' | 'other'): RawArgs[] {
  const base: RawArgs = {};
  const contactVariants = scope === 'own' ? ['#1', ids.contactStu] : [ids.contactB, 'Zed'];
  // What is typed is echoed back ("You typed: ..."), so the name variant is one A could know.
  const personVariants =
    scope === 'own' ? ['<@UBA|bea>'] : ['<@USB|sasha>', `person:${ids.studentB}`, 'sasha'];
  const samples: Record<string, string | number> = {
    name: 'New Person',
    org: 'Some Org',
    role: 'mentor',
    source: 'alumni',
    link: 'https://example.org/p',
    stage: 'met',
    date: 'yesterday',
    channel: '<#C0CHAN|chan>',
    when: 'tomorrow 3pm',
    minutes: 30,
    mode: 'video',
    notes: 'a note',
    text: 'a note',
    question: 'What did you learn first?',
    kind: 'outreach',
    duration: '2 days',
    zone: 'UTC',
    hours: '22:00-08:00',
    code: scope === 'own' ? 'ZZZZZZ' : ids.linkCodeB,
    command: 'add',
    topics: 'some topics',
    weekday: 'monday',
    time: '9:00',
    weeks: 2,
    // `nudges set` changes (and re-plans) the own organization only; `nudges reset` undoes it.
    setting: 'follow-up-days',
    value: '5',
    // B's second cohort: A has no #2, and B's names are never typed (they would be echoed).
    cohort: scope === 'own' ? '1' : '2',
    people: scope === 'own' ? '<@UBA|bea> <@USA|stu>' : '<@USB|sasha>',
  };
  for (const option of command.options) {
    if (option.name === 'contact' || option.name === 'student' || option.name === 'person') continue;
    base[option.name] = samples[option.name] ?? 'x';
  }
  const names = command.options.map((o) => o.name);
  if (names.includes('contact')) return contactVariants.map((contact) => ({ ...base, contact }));
  const personOption = names.find((n) => n === 'student' || n === 'person');
  if (personOption) return personVariants.map((p) => ({ ...base, [personOption]: p }));
  return [base];
}

/** The reply as text, with every file's content (CSV, JSON, calendar) appended. */
function everything(reply: Reply): string {
  const files = (reply.files ?? []).map((f) =>
    typeof f.content === 'string' ? f.content : `[${f.contentType} ${f.content.byteLength} bytes]`,
  );
  return [plain(reply), ...files].join('\n');
}

function expectNoSecrets(text: string, actor: Role, where: string): void {
  for (const secret of B_SECRETS) expect(text, `${where}: leaked "${secret}"`).not.toContain(secret);
  if (actor !== 'student')
    for (const secret of STU_SECRETS) expect(text, `${where}: leaked "${secret}"`).not.toContain(secret);
}

let snapshotB: Record<string, string[]>;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    coordinators: [
      { platform: 'slack', spaceId: 'TA', userId: 'UCA' },
      { platform: 'slack', spaceId: 'TB', userId: 'UCB' },
    ],
  });
  for (const p of [mentorA, studentA, bystanderA, mentorB, studentB]) await h.as(p);
  expect(await h.say(coordA, 'role <@UMA|mo> mentor')).toContain('is now a mentor');
  expect(await h.say(coordB, 'role <@UMB|rory> mentor')).toContain('is now a mentor');
  // Organization B: a student with a detailed contact, a note, a question, a meeting logged by
  // a mentor (with topics), reminders, a pending link code, and a digest preview on record.
  await h.say(studentB, 'add Zed Secretname at Secretcorp as Engineer via alumni zed@secret.example');
  await h.say(studentB, 'note zed B-SECRET-NOTE');
  await h.say(studentB, 'ask zed B-SECRET-QUESTION what does a week look like?');
  await h.say(studentB, 'reached zed');
  await h.say(mentorB, 'log <@USB|sasha> on 2026-11-02 10:00 B-SECRET-TOPICS');
  ids.linkCodeB = /link ([A-Z0-9]{6})/.exec(await h.say(studentB, 'link'))?.[1] ?? '';
  expect(ids.linkCodeB).toMatch(/^[A-Z0-9]{6}$/);
  await h.say(coordB, 'digest preview');
  await h.say(coordB, 'cohort create B-SECRET-COHORT');
  await h.say(coordB, 'cohort create Bravoname Two');
  await h.say(coordB, 'cohort add 2 <@USB|sasha>');
  await h.say(coordB, 'cohort code 2');
  // Organization A: one cohort, Stu in it, advised by Ada.
  await h.say(coordA, 'cohort create Alpha Cohort');
  await h.say(coordA, 'cohort add 1 <@USA|stu>');
  expect(await h.say(coordA, 'cohort advisor 1 <@UAA|ada>')).toContain('now advises');
  // Organization A: every actor keeps a list (so `#1` means something to each); Stu's is private.
  await h.say(studentA, 'add Priya Private at PrivCorp via alumni priya@priv.example');
  await h.say(studentA, 'note priya A-PRIVATE-NOTE');
  await h.say(studentA, 'ask priya A-PRIVATE-QUESTION how did you start?');
  await h.say(mentorA, 'add Mentor Contact at Alpha Org');
  await h.say(coordA, 'add Coordinator Contact at Alpha Org');

  const rows = (q: ReturnType<typeof sql>) => h.db.db.execute(q).then(rowsOf);
  ids.orgA = (await h.as(coordA)).orgId;
  ids.orgB = (await h.as(coordB)).orgId;
  ids.studentB = (await h.as(studentB)).personId;
  ids.contactB = String((await rows(sql`select id from contacts where name = 'Zed Secretname'`))[0]?.id);
  ids.contactStu = String((await rows(sql`select id from contacts where name = 'Priya Private'`))[0]?.id);
  ids.nudgeB = String(
    (await rows(sql`select id from nudges where org_id = ${ids.orgB} order by created_at limit 1`))[0]?.id,
  );
  snapshotB = await snapshotOf(ids.orgB);
  h.errors.length = 0;
});

afterAll(async () => {
  await h?.close();
});

describe('every command, every role, both organizations', () => {
  it('when the matrix is built, then it covers the whole command list, coordinator and mentor commands included', () => {
    const names = h.rapport.commands.map((c) => c.name);
    for (const name of [
      'add',
      'show',
      'export',
      'forget-me',
      'log',
      'mentees',
      'role',
      'digest preview',
      'digest log',
      'report',
      'space join',
      'nudges show',
      'nudges set',
      'nudges reset',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(['student', 'mentor', 'advisor', 'coordinator'] as const)(
    'when a %s runs every command on both organizations, then each is allowed or refused by role and nothing of the other organization shows',
    async (role) => {
      const person = actors.get(role)!;
      for (const command of h.rapport.commands) {
        for (const scope of ['own', 'other'] as const) {
          for (const args of argVariants(command, scope)) {
            const where = `${role} ${command.name} (${scope}) ${JSON.stringify(args)}`;
            const reply = await h.options(person, command, args);
            const text = everything(reply);
            if (!command.roles.includes(role)) expect(plain(reply), where).toBe(refusalOf(command));
            expectNoSecrets(text, role, where);
            expect(h.errors, where).toEqual([]);
          }
        }
        // The text form refuses the same way.
        if (!command.roles.includes(role)) {
          expect(await h.say(person, command.name), `${role} types ${command.name}`).toBe(refusalOf(command));
        }
      }
    },
  );

  it.each(['student', 'mentor', 'advisor', 'coordinator'] as const)(
    "when a %s clicks every button with the other organization's ids, then nothing is found and nothing shows",
    async (role) => {
      const actor: Actor = await h.as(actors.get(role)!);
      for (const action of ACTION_IDS) {
        // Button values are the ids Rapport put there (a code for forget-me); other shapes are not tried here.
        const values =
          action === 'forget_confirm'
            ? [ids.linkCodeB]
            : [ids.contactB, ids.nudgeB, ...(role === 'student' ? [] : [ids.contactStu])];
        for (const value of values) {
          const text = everything(await h.rapport.runAction(actor, action, value));
          expectNoSecrets(text, role, `${role} ${action} ${value}`);
        }
      }
      expect(h.errors).toEqual([]);
    },
  );

  it("when anyone in A autocompletes, then only their own contacts and their own organization's students come back", async () => {
    for (const role of ['student', 'mentor', 'advisor', 'coordinator'] as const) {
      const actor = await h.as(actors.get(role)!);
      const contacts = await h.rapport.autocomplete(actor, 'contact', '');
      const names = contacts.map((c) => c.name).join(' ');
      expect(names).not.toContain('Secretname');
      if (role !== 'student') expect(names).not.toContain('Priya');
      const students = await h.rapport.autocomplete(actor, 'student', 'sasha');
      expect(students).toEqual([]);
    }
  });

  it('when the advisor works in their cohort, then it answers; in a cohort of A they do not advise, then it is unknown', async () => {
    // The coordinator's run of `cohort advisor` named Bea; Ada gets her cohort back.
    expect(await h.say(coordA, 'cohort advisor 1 <@UAA|ada>')).toContain('now advises');
    await h.say(coordA, 'cohort create Unadvised Alpha');
    for (const command of ['digest preview 1', 'stats 2 #1', 'report 1', 'cohort show 1']) {
      expect(await h.say(advisorA, command), command).not.toContain("I couldn't find that cohort");
    }
    for (const command of [
      'digest preview unadvised',
      'stats 2 unadvised',
      'report unadvised',
      'cohort show unadvised',
    ]) {
      expect(await h.say(advisorA, command), command).toContain("I couldn't find that cohort");
    }
    expect(await h.say(advisorA, 'cohort list')).not.toContain('Unadvised');
  });

  it("when a coordinator tries to open a student's contact by number, name or id, then it is not on their list", async () => {
    const out = [
      await h.say(coordA, `show ${ids.contactStu}`),
      await h.say(coordA, 'show priya'),
      await h.say(coordA, 'questions priya'),
    ].join('\n');
    expect(out).toContain('not on your list');
    expectNoSecrets(out, 'coordinator', 'coordinator show');
  });

  it('when the matrix is done, then the own-organization runs did act, no row of B changed and no row anywhere points across organizations', async () => {
    // Inside A the allowed commands took effect: Bea was made a mentor by `role`, then an advisor
    // by `cohort advisor`, the coordinator's preview, stats and report are on record, and the
    // mentor's log of Bea is a meeting.
    expect((await h.as(bystanderA)).role).toBe('advisor');
    const kinds = rowsOf(
      await h.db.db.execute(
        sql`select distinct kind from digest_log where org_id = ${ids.orgA} order by kind`,
      ),
    );
    expect(kinds.map((r) => r.kind)).toEqual(['preview', 'report', 'stats']);
    const logged = rowsOf(
      await h.db.db.execute(
        sql`select count(*)::int as n from meetings m join persons p on p.id = m.student_id where p.display_name = 'Bea Alpha' and m.logged_by_mentor`,
      ),
    );
    expect(Number(logged[0]?.n)).toBeGreaterThan(0);
    expect(await snapshotOf(ids.orgB)).toEqual(snapshotB);
    const references: [table: string, column: string, target: string][] = [
      ['identities', 'person_id', 'persons'],
      ['identities', 'space_id', 'spaces'],
      ['contacts', 'owner_id', 'persons'],
      ['contacts', 'person_id', 'persons'],
      ['contacts', 'referred_by_id', 'contacts'],
      ['meetings', 'student_id', 'persons'],
      ['meetings', 'mentor_id', 'persons'],
      ['meetings', 'contact_id', 'contacts'],
      ['timeline_events', 'contact_id', 'contacts'],
      ['timeline_events', 'author_id', 'persons'],
      ['questions', 'contact_id', 'contacts'],
      ['nudges', 'person_id', 'persons'],
      ['nudges', 'contact_id', 'contacts'],
      ['one_time_codes', 'person_id', 'persons'],
      ['digest_log', 'requested_by_id', 'persons'],
      ['digest_log_students', 'person_id', 'persons'],
      ['digest_log_students', 'digest_log_id', 'digest_log'],
      ['cohorts', 'advisor_id', 'persons'],
      ['cohort_members', 'cohort_id', 'cohorts'],
      ['cohort_members', 'person_id', 'persons'],
      ['mentor_matches', 'mentor_id', 'persons'],
      ['mentor_matches', 'student_id', 'persons'],
      ['contact_outcomes', 'contact_id', 'contacts'],
      ['decisions', 'person_id', 'persons'],
    ];
    for (const [table, column, target] of references) {
      const [row] = rowsOf(
        await h.db.db.execute(sql`
          select count(*)::int as n from ${sql.identifier(table)} t
          join ${sql.identifier(target)} r on r.id = t.${sql.identifier(column)}
          where r.org_id <> t.org_id`),
      );
      expect(Number(row?.n), `${table}.${column}`).toBe(0);
    }
  });
});
