/** The mentor's own commands: log a meeting held with a student, and list the mentees. */
import type { CommandContext, RawArgs } from '../command.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { parseMinutes } from '../grammar/dates.js';
import { parseLog } from '../grammar/staffGrammars.js';
import type { Person } from '../people/peoplePorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { recordMentorMeeting } from '../pipeline/mentorMeetings.js';
import { type Block, code, type Line, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { formatDate } from '../views/format.js';
import { optional, text } from './args.js';
import { defineCommand, MENTORS } from './define.js';
import { findPersonInOrg, type PersonRefRepos } from './personRef.js';
import { pastDate } from './stageCommands.js';

const LOG_USAGE = 'log <student> [on <date>] [for <N> min] [topics]';
const MIN_MINUTES = 5;
const MAX_MINUTES = 240;
const HOUR_MS = 60 * 60 * 1000;
/** Two logs of one student by one mentor this close together are one meeting logged twice. */
const DUPLICATE_LOG_MS = 12 * HOUR_MS;

/**
 * What a mentor's log puts in the student's reminder that is the mentor's own: forget-me removes
 * these from every reminder that names the mentor.
 */
export const MENTOR_PAYLOAD_FIELDS = ['mentorId', 'mentorName', 'topics'] as const;

function findStudent(ctx: CommandContext<PersonRefRepos>, raw: string): Promise<Result<Person>> {
  return findPersonInOrg(ctx, raw, {
    noun: 'student',
    emptyHint: 'Tell me which student you met, like @maria.',
    usage: LOG_USAGE,
  });
}

/** The meeting length: Discord sends a number, the text form "45 min" or 45. */
function minutesOf(args: RawArgs): Result<number | undefined> {
  const raw = args.minutes;
  if (raw === undefined || raw === '') return ok(undefined);
  const parsed = typeof raw === 'number' ? ok(raw) : parseMinutes(String(raw));
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, usage: LOG_USAGE } };
  if (!Number.isInteger(parsed.value) || parsed.value < MIN_MINUTES || parsed.value > MAX_MINUTES) {
    return fail('invalid_value', `A meeting should last between ${MIN_MINUTES} and ${MAX_MINUTES} minutes.`, {
      usage: LOG_USAGE,
    });
  }
  return ok(parsed.value);
}

export const logCommand = defineCommand({
  name: 'log',
  roles: MENTORS,
  audience: 'mentor',
  summary: 'Record a meeting you held with a student; they are told, and their list is updated',
  usage: LOG_USAGE,
  examples: ['log @maria on monday for 30 min product roles', 'log @sam'],
  details: [
    'The date defaults to now and the length to 30 minutes.',
    'If the student has you on their list, that contact moves to met and they are reminded to say thanks.',
  ],
  options: [
    {
      name: 'student',
      type: 'string',
      description: 'The student you met',
      required: true,
      autocomplete: 'student',
    },
    { name: 'date', type: 'string', description: 'When you met (default: now)' },
    {
      name: 'minutes',
      type: 'integer',
      description: 'Length in minutes (default 30)',
      minValue: MIN_MINUTES,
      maxValue: MAX_MINUTES,
    },
    { name: 'topics', type: 'string', description: 'What you talked about', multiline: true },
  ],
  parse: parseLog,
  uses: ['contactChanges', 'contacts', 'directory', 'meetings', 'nudges', 'persons', 'planning', 'timeline'],
  async run(ctx, args) {
    const raw = text(args, 'student');
    if (!raw) return fail('usage', 'Tell me which student you met, like @maria.', { usage: LOG_USAGE });
    const student = await findStudent(ctx, raw);
    if (!student.ok) return student;
    if (student.value.id === ctx.person.id) {
      return fail('invalid_value', 'You cannot log a meeting with yourself; name the student you met.', {
        usage: LOG_USAGE,
      });
    }
    const startsAt = pastDate(ctx, text(args, 'date'), LOG_USAGE);
    if (!startsAt.ok) return startsAt;
    const minutes = minutesOf(args);
    if (!minutes.ok) return minutes;
    const topics = optional(args, 'topics', LOG_USAGE);
    if (!topics.ok) return topics;

    const earlier = (await ctx.repos.meetings.listForMentor(ctx.person.id)).find(
      (m) =>
        m.studentId === student.value.id &&
        Math.abs(m.startsAt.getTime() - startsAt.value.getTime()) < DUPLICATE_LOG_MS,
    );
    if (earlier) {
      return fail('conflict', 'You already logged a meeting with this student around that time.', {
        detail: [
          [
            'Logged for ',
            user(student.value.displayName),
            ` on ${formatDate(earlier.startsAt, ctx.actor.timezone)}.`,
          ],
        ],
      });
    }
    const meeting = await recordMentorMeeting(ctx, student.value, {
      startsAt: startsAt.value,
      minutes: minutes.value,
      topics: topics.value,
    });
    // The student hears about it privately, on their own platform, through the worker.
    await ctx.repos.nudges.enqueue(ctx.org.id, [
      {
        kind: 'mentor_logged',
        dedupeKey: `mentor_logged:${meeting.id}`,
        personId: student.value.id,
        contactId: null,
        expectedStage: null,
        dueAt: ctx.now,
        payload: {
          meetingId: meeting.id,
          mentorId: ctx.person.id,
          mentorName: ctx.person.displayName,
          startsAt: meeting.startsAt.toISOString(),
          durationMinutes: meeting.durationMinutes,
          ...(meeting.topics ? { topics: meeting.topics } : {}),
          ...(meeting.contactId ? { contactId: meeting.contactId } : {}),
        },
      },
    ]);
    const when = formatDate(meeting.startsAt, ctx.actor.timezone);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [
              'Logged your meeting with ',
              user(student.value.displayName),
              ` on ${when} (${meeting.durationMinutes} minutes).`,
            ],
            ["I'll let them know, and remind them to write down what they learned."],
          ],
        },
        { type: 'context', lines: [['Everyone you have met: ', code('mentees'), '.']] },
      ],
    });
  },
});

/** The students matched with the mentor: since when, and the last meeting the mentor logged. */
async function matchedBlock(
  ctx: CommandContext<'cohorts' | 'persons'>,
  meetings: readonly Meeting[],
): Promise<Block | undefined> {
  const matches = await ctx.repos.cohorts.matchesOf(ctx.org.id, ctx.person.id);
  if (!matches.length) return undefined;
  const zone = ctx.actor.timezone;
  const items: Line[] = [];
  for (const match of matches) {
    const student = await ctx.repos.persons.getById(ctx.org.id, match.studentId);
    if (!student) continue;
    const last = meetings
      .filter((m) => m.studentId === match.studentId)
      .reduce<Meeting | undefined>((a, m) => (a && a.startsAt > m.startsAt ? a : m), undefined);
    items.push([
      user(student.displayName),
      ` — matched since ${formatDate(match.matchedAt, zone)}`,
      last ? `, last met ${formatDate(last.startsAt, zone)}` : ', no meeting logged yet',
    ]);
  }
  return { type: 'list', title: 'Matched with you', items };
}

export const menteesCommand = defineCommand({
  name: 'mentees',
  roles: MENTORS,
  audience: 'mentor',
  readOnly: true,
  summary: 'Your matched students and the students you have met, with the last meeting',
  usage: 'mentees',
  examples: ['mentees'],
  options: [],
  parse: parseNothing,
  uses: ['cohorts', 'meetings', 'persons'],
  async run(ctx) {
    const meetings = await ctx.repos.meetings.listForMentor(ctx.person.id);
    const matched = await matchedBlock(ctx, meetings);
    if (!meetings.length && matched)
      return ok({ blocks: [{ type: 'header', text: 'Your mentees' }, matched] });
    if (!meetings.length) {
      return ok({
        blocks: [
          {
            type: 'text',
            lines: [
              ['No meetings logged yet.'],
              [
                'After you talk with a student, record it: ',
                code('log @maria on monday for 30 min product roles'),
                '.',
              ],
            ],
          },
        ],
      });
    }
    const byStudent = new Map<string, { last: Meeting; count: number }>();
    for (const meeting of meetings) {
      const seen = byStudent.get(meeting.studentId);
      if (!seen) byStudent.set(meeting.studentId, { last: meeting, count: 1 });
      else {
        seen.count += 1;
        if (meeting.startsAt > seen.last.startsAt) seen.last = meeting;
      }
    }
    const rows = [...byStudent.entries()].sort(
      (a, b) => b[1].last.startsAt.getTime() - a[1].last.startsAt.getTime(),
    );
    const items: Line[] = [];
    for (const [studentId, { last, count }] of rows) {
      const student = await ctx.repos.persons.getById(ctx.org.id, studentId);
      if (!student) continue;
      items.push([
        user(student.displayName),
        ` — last met ${formatDate(last.startsAt, ctx.actor.timezone)}`,
        count > 1 ? ` (${count} meetings)` : '',
      ]);
    }
    return ok({
      blocks: [
        { type: 'header', text: 'Your mentees' },
        ...(matched ? [matched] : []),
        { type: 'list', title: 'Students you met', items },
        {
          type: 'context',
          lines: [
            [
              `${items.length} ${items.length === 1 ? 'student' : 'students'}, ${meetings.length} logged ${meetings.length === 1 ? 'meeting' : 'meetings'}.`,
            ],
          ],
        },
      ],
    });
  },
});
