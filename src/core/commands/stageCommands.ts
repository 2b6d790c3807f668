import type { CommandContext } from '../command.js';
import { MEETING_MODES, MODE_LABELS, STAGE_LABELS, STAGES, type Stage } from '../domain.js';
import { parseWhen } from '../grammar/dates.js';
import { parseContactOnly, parseMet, parseMove, parseReached } from '../grammar/pipelineGrammars.js';
import { resolveStage } from '../grammar/vocabulary.js';
import { changeStage } from '../pipeline/contactChanges.js';
import type { MeetingSave } from '../pipeline/contactPorts.js';
import type { MeetingPatch } from '../pipeline/meetingPorts.js';
import { STAGE_COMMAND } from '../pipeline/stageMachine.js';
import { code, type Line, type Reply } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { contactLabel } from '../views/contactViews.js';
import { formatDay } from '../views/format.js';
import { optional, resolveContact, resolveContactWithText, text } from './args.js';
import { isConfirmed } from './confirmations.js';
import { contactOption } from './contactOption.js';
import { defineCommand, EVERYONE } from './define.js';
import { stageChoices } from './listCommands.js';
import { checkMet, checkThanked } from './orderChecks.js';

const DEFAULT_MINUTES = 30;
const _modeChoices = MEETING_MODES.map((m) => ({ name: MODE_LABELS[m], value: m }));

function confirm(...lines: Line[]): Result<Reply> {
  return ok({ blocks: [{ type: 'text', lines }] });
}

/** A date that already happened (or is happening): `reached ... on monday`, `log ... on friday`. */
export function pastDate(ctx: CommandContext<never>, raw: string | undefined, usage: string): Result<Date> {
  if (!raw) return ok(ctx.now);
  const parsed = parseWhen(raw, {
    timezone: ctx.actor.timezone,
    now: ctx.now,
    future: false,
    locale: ctx.actor.locale ?? null,
  });
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, usage } };
  if (parsed.value.date.getTime() > ctx.now.getTime() + 60 * 60 * 1000) {
    return fail('invalid_date', 'That date is still to come; give the day it happened.', { usage });
  }
  return ok(parsed.value.date.getTime() > ctx.now.getTime() ? ctx.now : parsed.value.date);
}

const REACHED_USAGE = 'reached <contact> [on <date>] [by <email, phone, linkedin...>]';

export const reachedCommand = defineCommand({
  name: 'reached',
  roles: EVERYONE,
  audience: 'student',
  summary: 'You wrote or called them: starts the follow-up clock',
  usage: REACHED_USAGE,
  examples: ['reached #1 by email', 'reached jane on monday by linkedin'],
  details: [
    'If they have not answered in a week, Rapport reminds you to follow up politely (at most three times).',
  ],
  options: [
    contactOption,
    { name: 'date', type: 'string', description: 'When you reached out (default: now)' },
    { name: 'channel', type: 'string', description: 'How: email, phone, LinkedIn...' },
  ],
  parse: parseReached,
  uses: ['contactChanges', 'contacts', 'nudges', 'planning'],
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, REACHED_USAGE);
    if (!contact.ok) return contact;
    const at = pastDate(ctx, text(args, 'date'), REACHED_USAGE);
    if (!at.ok) return at;
    const channel = optional(args, 'channel', REACHED_USAGE);
    if (!channel.ok) return channel;
    const c = contact.value;
    const again = c.stage === 'reached_out';
    await changeStage(ctx, c, { to: 'reached_out', at: at.value, body: channel.value ?? null });
    const when = at.value === ctx.now ? 'today' : formatDay(at.value, ctx.actor.timezone);
    return confirm(
      again
        ? ['Logged your follow-up with ', ...contactLabel(c), ` (${when}). The reminder clock starts again.`]
        : ['Marked ', ...contactLabel(c), ` as reached out (${when}).`],
      [
        "If there's no answer in a week, I'll remind you to follow up. Once you agree on a time: ",
        code(`scheduled #${c.number} <when>`),
      ],
    );
  },
});

const MET_USAGE = 'met <contact> [what you learned]';

export const metCommand = defineCommand({
  name: 'met',
  roles: EVERYONE,
  audience: 'student',
  summary: 'You had the conversation: plans the thank-you and the debrief',
  usage: MET_USAGE,
  examples: ['met jane learned about research ops', 'met #2'],
  options: [
    contactOption,
    { name: 'notes', type: 'string', description: 'What you learned (kept private, dated)' },
  ],
  parse: parseMet,
  uses: ['contactChanges', 'contacts', 'meetings', 'nudges', 'planning'],
  async run(ctx, args) {
    const resolved = await resolveContactWithText(ctx, args, 'notes', MET_USAGE);
    if (!resolved.ok) return resolved;
    const notes = optional({ notes: resolved.value.rest }, 'notes', MET_USAGE);
    if (!notes.ok) return notes;
    const c = resolved.value.contact;
    const check = isConfirmed(args) ? null : await checkMet(ctx, c);
    if (check) return ok(check);
    // The meeting is saved with the move to `met`, in one statement.
    const meeting = await ctx.repos.meetings.latestForContact(c.id);
    let save: MeetingSave | undefined;
    if (meeting && !meeting.heldAt) {
      // Met earlier than planned (or the plan was never updated): the meeting ended now at the latest.
      const endsAt = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000;
      const patch: MeetingPatch = { heldAt: ctx.now, loggedByStudent: true };
      if (endsAt > ctx.now.getTime())
        patch.startsAt = new Date(ctx.now.getTime() - meeting.durationMinutes * 60_000);
      save = { id: meeting.id, patch };
    } else if (!meeting || c.stage !== 'met') {
      save = {
        create: {
          orgId: ctx.org.id,
          studentId: ctx.person.id,
          contactId: c.id,
          mentorId: c.personId,
          startsAt: new Date(ctx.now.getTime() - DEFAULT_MINUTES * 60_000),
          durationMinutes: DEFAULT_MINUTES,
          mode: null,
          loggedByStudent: true,
          loggedByMentor: false,
          topics: null,
          heldAt: ctx.now,
        },
      };
    }
    await changeStage(ctx, c, {
      to: 'met',
      ...(notes.value ? { note: notes.value } : {}),
      ...(save ? { meeting: save } : {}),
    });
    return confirm(
      ['Well done on your conversation with ', ...contactLabel(c), '.'],
      [
        'Send a thank-you within a few hours: ',
        code(`draft thanks #${c.number}`),
        ', then ',
        code(`thanked #${c.number}`),
        '.',
      ],
      [
        'While it is fresh, note what you learned (',
        code(`note #${c.number} <text>`),
        ') and who they suggested (',
        code(`referred #${c.number} <name>`),
        ').',
      ],
    );
  },
});

const THANKED_USAGE = 'thanked <contact>';

export const thankedCommand = defineCommand({
  name: 'thanked',
  roles: EVERYONE,
  audience: 'student',
  summary: 'You sent your thank-you: plans a keep-in-touch reminder',
  usage: THANKED_USAGE,
  examples: ['thanked jane'],
  options: [contactOption],
  parse: parseContactOnly,
  uses: ['contactChanges', 'contacts', 'meetings', 'nudges', 'planning'],
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, THANKED_USAGE);
    if (!contact.ok) return contact;
    const c = contact.value;
    const check = isConfirmed(args) ? null : await checkThanked(ctx, c);
    if (check) return ok(check);
    await changeStage(ctx, c, { to: 'thanked' });
    return confirm(
      ['Thank-you sent to ', ...contactLabel(c), '. Nicely done.'],
      [
        "In about a month I'll remind you to tell them how their advice worked out: that's how a contact becomes a relationship.",
      ],
    );
  },
});

function exitCommand(name: 'decline' | 'archive', to: Stage, summary: string, done: string) {
  const usage = `${name} <contact>`;
  return defineCommand({
    name,
    roles: EVERYONE,
    audience: 'student',
    summary,
    usage,
    examples: [`${name} #4`],
    options: [contactOption],
    parse: parseContactOnly,
    uses: ['contactChanges', 'contacts', 'nudges', 'planning'],
    async run(ctx, args) {
      const contact = await resolveContact(ctx, args, usage);
      if (!contact.ok) return contact;
      await changeStage(ctx, contact.value, { to });
      return confirm([...contactLabel(contact.value), ` ${done} Their reminders are cancelled.`]);
    },
  });
}

export const declineCommand = exitCommand(
  'decline',
  'declined',
  'They said no (it happens more often than yes)',
  'is marked as declined.',
);
export const archiveCommand = exitCommand('archive', 'archived', 'Put a contact away', 'is archived.');

const MOVE_USAGE = 'move <contact> <stage>';

export const moveCommand = defineCommand({
  name: 'move',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Move a contact to any stage, to correct a mistake',
  usage: MOVE_USAGE,
  examples: ['move jane keeping in touch', 'move #3 identified'],
  options: [
    contactOption,
    { name: 'stage', type: 'string', description: 'The stage', required: true, choices: stageChoices },
  ],
  parse: parseMove,
  uses: ['contactChanges', 'contacts', 'nudges', 'planning'],
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, MOVE_USAGE);
    if (!contact.ok) return contact;
    const raw = text(args, 'stage');
    if (!raw) return fail('usage', 'Which stage?', { usage: MOVE_USAGE });
    const stage = (STAGES as readonly string[]).includes(raw) ? ok(raw as Stage) : resolveStage(raw);
    if (!stage.ok) return { ok: false, error: { ...stage.error, usage: MOVE_USAGE } };
    const c = contact.value;
    if (c.stage === stage.value)
      return confirm([...contactLabel(c), ` is already in ${STAGE_LABELS[c.stage].toLowerCase()}.`]);
    await changeStage(ctx, c, { to: stage.value });
    const hint = STAGE_COMMAND[stage.value];
    return confirm(
      ['Moved ', ...contactLabel(c), ` to ${STAGE_LABELS[stage.value].toLowerCase()}.`],
      ...(hint === 'scheduled'
        ? [
            [
              'Add the time with ',
              code(`scheduled #${c.number} <when>`),
              ' so I can help you prepare.',
            ] as Line,
          ]
        : []),
    );
  },
});
