/** `scheduled`: a meeting agreed, with its calendar file, preparation, and checks on the date. */
import type * as Ics from 'ics';
import { PREP_CHECKLIST } from '../coaching/prepChecklist.js';
import { questionRangeText } from '../coaching/questionCapacity.js';
import { MEETING_MODES, type MeetingMode, MODE_LABELS } from '../domain.js';
import { parseMinutes, parseWhen } from '../grammar/dates.js';
import { parseScheduled } from '../grammar/pipelineGrammars.js';
import { findMeetingMode } from '../grammar/vocabulary.js';
import { lazyModule } from '../lazyModule.js';
import { changeStageWithMeeting } from '../pipeline/contactChanges.js';
import type { Contact } from '../pipeline/contactPorts.js';
import type { Meeting } from '../pipeline/meetingPorts.js';
import { code, type Line } from '../reply.js';
import { fail, ok } from '../result.js';
import { contactLabel } from '../views/contactViews.js';
import { formatDateTime } from '../views/format.js';
import { resolveContactWithText, text } from './args.js';
import { askFirst, confirmValue, isConfirmed } from './confirmations.js';
import { contactOption } from './contactOption.js';
import { dateReadingLines, FAR_AHEAD_MS } from './dateReadings.js';
import { defineCommand, EVERYONE } from './define.js';

const DEFAULT_MINUTES = 30;
const modeChoices = MEETING_MODES.map((m) => ({ name: MODE_LABELS[m], value: m }));

const SCHEDULED_USAGE = 'scheduled <contact> <when> [for <N> min] [in person | phone | video | email]';

/**
 * The calendar library, loaded the first time a meeting is scheduled: with its validation library
 * it is about 11 MB of memory that a process serving anything else never needs.
 */
const calendar = lazyModule<typeof Ics>('ics');

function meetingIcs(contact: Contact, meeting: Meeting, now: Date): string | null {
  const { createEvent } = calendar();
  const where = meeting.mode ? ` (${MODE_LABELS[meeting.mode]})` : '';
  const { error, value } = createEvent({
    uid: `${meeting.id}@rapport`,
    productId: 'rapport/ics',
    start: meeting.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: meeting.durationMinutes },
    created: now.getTime(),
    title: `Informational interview with ${contact.name}${where}`,
    description: ['Before you go:', ...PREP_CHECKLIST.map((item) => `- ${item}`)].join('\n'),
    alarms: [
      { action: 'display', description: 'Informational interview', trigger: { minutes: 30, before: true } },
    ],
  });
  return error || !value ? null : value;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .slice(0, 40) || 'contact'
  );
}

export const scheduledCommand = defineCommand({
  name: 'scheduled',
  roles: EVERYONE,
  audience: 'student',
  summary: 'You agreed on a time: adds a calendar file and plans your preparation',
  usage: SCHEDULED_USAGE,
  examples: ['scheduled jane next tue 3pm for 30 min video', 'scheduled #2 2026-12-03 15:00 phone'],
  details: [
    'Most conversations last 20 to 30 minutes; let them choose how long.',
    'The day before, I send you a short preparation checklist.',
  ],
  options: [
    contactOption,
    { name: 'when', type: 'string', description: 'Date and time, e.g. "next tue 3pm"', required: true },
    {
      name: 'minutes',
      type: 'integer',
      description: 'Length in minutes (default 30)',
      minValue: 5,
      maxValue: 240,
    },
    { name: 'mode', type: 'string', description: 'In person, phone, video or email', choices: modeChoices },
  ],
  parse: parseScheduled,
  uses: ['contactChanges', 'contacts', 'meetings', 'nudges', 'planning'],
  async run(ctx, args) {
    const resolved = await resolveContactWithText(ctx, args, 'when', SCHEDULED_USAGE);
    if (!resolved.ok) return resolved;
    const whenText = resolved.value.rest;
    if (!whenText)
      return fail('usage', 'When is the meeting? Give a day and a time.', { usage: SCHEDULED_USAGE });
    const when = parseWhen(whenText, {
      timezone: ctx.actor.timezone,
      now: ctx.now,
      future: true,
      locale: ctx.actor.locale ?? null,
    });
    if (!when.ok) return { ok: false, error: { ...when.error, usage: SCHEDULED_USAGE } };
    if (!when.value.hasTime) {
      return fail('invalid_date', 'Please add a time of day, like "tomorrow 3pm".', {
        usage: SCHEDULED_USAGE,
      });
    }
    if (when.value.date.getTime() <= ctx.now.getTime()) {
      return fail('past_date', 'That time has already passed; give a time still to come.', {
        usage: SCHEDULED_USAGE,
      });
    }
    let minutes = DEFAULT_MINUTES;
    const rawMinutes = args.minutes;
    if (rawMinutes !== undefined && rawMinutes !== '') {
      const parsed = typeof rawMinutes === 'number' ? ok(rawMinutes) : parseMinutes(String(rawMinutes));
      if (!parsed.ok) return { ok: false, error: { ...parsed.error, usage: SCHEDULED_USAGE } };
      if (parsed.value < 5 || parsed.value > 240) {
        return fail('invalid_value', 'A meeting should last between 5 and 240 minutes.', {
          usage: SCHEDULED_USAGE,
        });
      }
      minutes = parsed.value;
    }
    const rawMode = text(args, 'mode');
    let mode: MeetingMode | null = null;
    if (rawMode) {
      const found = (MEETING_MODES as readonly string[]).includes(rawMode)
        ? (rawMode as MeetingMode)
        : findMeetingMode(rawMode);
      if (!found)
        return fail('invalid_value', 'The mode can be in person, phone, video or email.', {
          usage: SCHEDULED_USAGE,
        });
      mode = found;
    }
    const c = resolved.value.contact;
    if (!isConfirmed(args) && when.value.date.getTime() - ctx.now.getTime() > FAR_AHEAD_MS) {
      const day = formatDateTime(when.value.date, ctx.actor.timezone);
      const extra = [String(when.value.date.getTime()), String(minutes), mode ?? ''];
      return ok(
        askFirst(
          ['That would be ', { strong: day }, ', more than six months from now. Is that the date you meant?'],
          [{ label: `Yes, ${day}`, value: confirmValue('scheduled', c, extra), style: 'primary' }],
          ['If not, write the month as a word, like ', code(`scheduled #${c.number} dec 10 9:30am`), '.'],
        ),
      );
    }
    const previous = await ctx.repos.meetings.latestForContact(c.id);
    const reschedule = previous && !previous.heldAt && !previous.loggedByMentor && c.stage === 'scheduled';
    // The meeting is saved with the move to `scheduled`, in one statement. A same-stage move is
    // recorded as a dated interaction, so a reschedule is one change.
    const { meeting } = await changeStageWithMeeting(ctx, c, {
      to: 'scheduled',
      body: reschedule ? `rescheduled to ${formatDateTime(when.value.date, ctx.actor.timezone)}` : null,
      meeting: reschedule
        ? { id: previous.id, patch: { startsAt: when.value.date, durationMinutes: minutes, mode } }
        : {
            create: {
              orgId: ctx.org.id,
              studentId: ctx.person.id,
              contactId: c.id,
              mentorId: null,
              startsAt: when.value.date,
              durationMinutes: minutes,
              mode,
              loggedByStudent: false,
              loggedByMentor: false,
              topics: null,
            },
          },
    });
    if (!meeting) throw new Error('scheduled: the meeting was not saved');
    const ics = meetingIcs(c, meeting, ctx.now);
    const soon = meeting.startsAt.getTime() - ctx.now.getTime() < 24 * 60 * 60 * 1000;
    const lines: Line[] = [
      [
        reschedule ? 'Moved your meeting with ' : 'Scheduled: ',
        ...contactLabel(c),
        ` — ${formatDateTime(meeting.startsAt, ctx.actor.timezone)}, ${minutes} min${mode ? `, ${MODE_LABELS[mode]}` : ''}.`,
      ],
      ...dateReadingLines(when.value, whenText, ctx.actor),
      [
        `That's time for ${questionRangeText(minutes)}: prepare them with `,
        code(`ask #${c.number} <question>`),
        '.',
      ],
    ];
    lines.push(
      soon
        ? ['It is less than a day away, so here is your checklist now:']
        : ["I'll send you a preparation checklist the day before."],
    );
    return ok({
      blocks: [
        { type: 'text', lines },
        ...(soon ? [{ type: 'list' as const, items: PREP_CHECKLIST.map((item) => [item]) }] : []),
      ],
      files: ics
        ? [
            {
              filename: `meeting-${slug(c.name)}.ics`,
              contentType: 'text/calendar',
              content: ics,
              title: 'Add to your calendar',
            },
          ]
        : [],
    });
  },
});
