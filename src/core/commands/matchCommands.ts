/**
 * Pairing mentors with students: `match <mentor> <student>` introduces both sides (one private
 * message each, through the outbox, never twice) and `unmatch` ends the pairing. A coordinator
 * matches anyone of the organization; an advisor only students of their cohorts. People named by
 * a mention may not have used Rapport yet.
 */
import type { Command, CommandContext } from '../command.js';
import { parsePair } from '../grammar/cohortGrammars.js';
import { INTRO_GATHER_MS, mentorIntroDueAt, UNREQUESTED_MENTOR_KINDS } from '../nudges/mentorReminders.js';
import type { Person } from '../people/peoplePorts.js';
import { code, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { formatDay } from '../views/format.js';
import { ADVISORS, defineCommand } from './define.js';
import { findPersonInOrg, type PersonRefRepos } from './personRef.js';

const MATCH_USAGE = 'match <mentor> <student>';
const UNMATCH_USAGE = 'unmatch <mentor> <student>';

interface Pair {
  mentor: Person;
  student: Person;
}

/** Both people, checked: a mentor, a student (of the advisor's cohorts), two different people. */
async function findPair(
  ctx: CommandContext<PersonRefRepos | 'cohorts'>,
  args: Record<string, unknown>,
  usage: string,
): Promise<Result<Pair>> {
  const wording = (noun: string) => ({
    noun,
    emptyHint: `Tell me the ${noun}, like @lee.`,
    usage,
    admit: true,
  });
  const mentor = await findPersonInOrg(ctx, String(args.mentor ?? '').trim(), wording('mentor'));
  if (!mentor.ok) return mentor;
  const student = await findPersonInOrg(ctx, String(args.student ?? '').trim(), wording('student'));
  if (!student.ok) return student;
  if (mentor.value.id === student.value.id) {
    return fail('invalid_value', 'A mentor and their student are two different people.', { usage });
  }
  if (mentor.value.role !== 'mentor') {
    return fail(
      'invalid_value',
      'That person is not a mentor yet; a coordinator can make them one with role.',
      {
        usage,
        detail: [['You named: ', user(mentor.value.displayName)]],
      },
    );
  }
  if (student.value.role !== 'student') {
    return fail('invalid_value', 'Only students are matched with a mentor.', {
      usage,
      detail: [['You named: ', user(student.value.displayName)]],
    });
  }
  if (ctx.actor.role === 'advisor') {
    const advised = await ctx.repos.cohorts.advisedBy(ctx.org.id, ctx.person.id);
    const members = await ctx.repos.cohorts.memberIds(
      ctx.org.id,
      advised.map((c) => c.id),
    );
    if (!members.includes(student.value.id)) {
      return fail('forbidden', 'That student is not in a cohort you advise.', { usage });
    }
  }
  return ok({ mentor: mentor.value, student: student.value });
}

/**
 * Queues the mentor's side of a match: into the introduction already waiting for them, or a new
 * one due when the weekly rule allows. Returns when the mentor will get it.
 */
async function introduceToMentor(
  ctx: CommandContext<'nudges'>,
  mentor: Person,
  student: Person,
  matchId: string,
): Promise<Date> {
  const nudges = ctx.repos.nudges;
  const waiting = await nudges.lockPendingOfKind(ctx.org.id, mentor.id, 'match_intro', {
    key: 'side',
    value: 'mentor',
  });
  if (waiting && (await nudges.addToPendingList(waiting.id, 'students', student.id, student.displayName))) {
    return waiting.dueAt;
  }
  const dueAt = mentorIntroDueAt(await nudges.lastOfKinds(mentor.id, UNREQUESTED_MENTOR_KINDS), ctx.now);
  await nudges.enqueue(ctx.org.id, [
    {
      kind: 'match_intro',
      dedupeKey: `match_intro:${matchId}:mentor`,
      personId: mentor.id,
      contactId: null,
      expectedStage: null,
      dueAt,
      payload: { side: 'mentor', students: { [student.id]: student.displayName } },
    },
  ]);
  return dueAt;
}

/** What an introduction keeps of the other person, removed when that person is forgotten. */
export const INTRO_PAYLOAD_FIELDS = ['otherId', 'otherName'] as const;

const matchCommand = defineCommand({
  name: 'match',
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'Pair a mentor with a student; both get one introduction',
  usage: MATCH_USAGE,
  examples: ['match @lee @ana'],
  options: [
    { name: 'mentor', type: 'user', description: 'The mentor', required: true },
    { name: 'student', type: 'user', description: 'The student', required: true },
  ],
  parse: parsePair,
  uses: ['cohorts', 'directory', 'nudges', 'persons'],
  async run(ctx, args) {
    const pair = await findPair(ctx, args, MATCH_USAGE);
    if (!pair.ok) return pair;
    const { mentor, student } = pair.value;
    const match = await ctx.repos.cohorts.match(ctx.org.id, mentor.id, student.id, ctx.now);
    if (!match.created) {
      return ok({
        blocks: [
          {
            type: 'text',
            lines: [[user(mentor.displayName), ' is already matched with ', user(student.displayName), '.']],
          },
        ],
      });
    }
    // The student's introduction goes out at once; the mentor's gathers this sitting's matches
    // and keeps to one unrequested message a week (mentorReminders.ts). Delivered privately by
    // the worker; the keys make a second one impossible. INTRO_PAYLOAD_FIELDS and the `students`
    // map name the other person: forget-me takes them out.
    await ctx.repos.nudges.enqueue(ctx.org.id, [
      {
        kind: 'match_intro',
        dedupeKey: `match_intro:${match.id}:student`,
        personId: student.id,
        contactId: null,
        expectedStage: null,
        dueAt: ctx.now,
        payload: { matchId: match.id, otherId: mentor.id, otherName: mentor.displayName, side: 'student' },
      },
    ]);
    const mentorHears = await introduceToMentor(ctx, mentor, student, match.id);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [user(mentor.displayName), ' now mentors ', user(student.displayName), '.'],
            [
              user(student.displayName),
              ' gets a short introduction in private now; ',
              user(mentor.displayName),
              mentorHears.getTime() - ctx.now.getTime() > INTRO_GATHER_MS
                ? ` gets theirs on ${formatDay(mentorHears, ctx.actor.timezone)}, a week after their last message from Rapport.`
                : ' gets one for all the students you match with them in the next few minutes.',
            ],
            [code('mentees'), ' shows the match to the mentor.'],
          ],
        },
      ],
    });
  },
});

const unmatchCommand = defineCommand({
  name: 'unmatch',
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'End a pairing of a mentor and a student',
  usage: UNMATCH_USAGE,
  examples: ['unmatch @lee @ana'],
  options: matchCommand.options,
  parse: parsePair,
  uses: ['cohorts', 'directory', 'nudges', 'persons'],
  async run(ctx, args) {
    const pair = await findPair(ctx, args, UNMATCH_USAGE);
    if (!pair.ok) return pair;
    const { mentor, student } = pair.value;
    if (!(await ctx.repos.cohorts.unmatch(ctx.org.id, mentor.id, student.id))) {
      return fail('not_found', 'Those two are not matched; nothing changed.', { usage: UNMATCH_USAGE });
    }
    // Introductions and reminders about the pairing that have not gone out yet do not go.
    await ctx.repos.nudges.cancelPendingWith(
      ctx.org.id,
      'match_intro',
      { key: 'otherId', value: mentor.id },
      student.id,
    );
    await ctx.repos.nudges.forgetInStudentLists(ctx.org.id, student.id, mentor.id);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [[user(mentor.displayName), ' no longer mentors ', user(student.displayName), '.']],
        },
      ],
    });
  },
});

export const MATCH_COMMANDS: readonly Command[] = [matchCommand, unmatchCommand];
