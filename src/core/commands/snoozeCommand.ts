/** `snooze`: a contact's reminders wait, for a while ("3 days", "1 month") or until a day ("until monday"). */
import type { CommandContext } from '../command.js';
import { parseDuration, parseWhen } from '../grammar/dates.js';
import { parseSnooze } from '../grammar/pipelineGrammars.js';
import { logPreparation } from '../pipeline/contactChanges.js';
import { fail, ok, type Result } from '../result.js';
import { contactLabel } from '../views/contactViews.js';
import { formatDateTime } from '../views/format.js';
import { resolveContact, text } from './args.js';
import { isConfirmed } from './confirmations.js';
import { contactOption } from './contactOption.js';
import { defineCommand, EVERYONE } from './define.js';
import { checkSnooze } from './orderChecks.js';

const SNOOZE_USAGE = 'snooze <contact> <duration or until <day>>';
const MAX_SNOOZE_MS = 90 * 24 * 60 * 60 * 1000;
/** A day given without a time: reminders come back at the start of that morning. */
const MORNING_HOUR = 9;
const UNTIL = /^(?:until|till|til|to)\s+/iu;

/** When the snooze ends: `now` plus a length, or the day named after "until". */
function snoozeEnd(ctx: CommandContext<never>, raw: string): Result<Date> {
  const until = UNTIL.exec(raw);
  if (!until) {
    const duration = parseDuration(raw);
    return duration.ok ? ok(new Date(ctx.now.getTime() + duration.value.ms)) : duration;
  }
  const when = parseWhen(raw.slice(until[0].length), {
    timezone: ctx.actor.timezone,
    now: ctx.now,
    future: true,
    locale: ctx.actor.locale ?? null,
  });
  if (!when.ok) return when;
  if (when.value.hasTime) return ok(when.value.date);
  const morning = new Date(when.value.date);
  // The parsed day sits at local noon; step back to the morning in the same zone.
  morning.setTime(morning.getTime() - (12 - MORNING_HOUR) * 60 * 60 * 1000);
  return ok(morning > ctx.now ? morning : when.value.date);
}

export const snoozeCommand = defineCommand({
  name: 'snooze',
  roles: EVERYONE,
  audience: 'student',
  summary: "Delays a contact's reminders",
  usage: SNOOZE_USAGE,
  examples: ['snooze jane 3 days', 'snooze #2 1 week', 'snooze jane until monday'],
  options: [
    contactOption,
    {
      name: 'duration',
      type: 'string',
      description: 'How long, e.g. "3 days", or "until monday"',
      required: true,
    },
  ],
  parse: parseSnooze,
  uses: ['contacts', 'meetings', 'nudges', 'timeline'],
  async run(ctx, args) {
    const contact = await resolveContact(ctx, args, SNOOZE_USAGE);
    if (!contact.ok) return contact;
    const raw = text(args, 'duration');
    if (!raw)
      return fail('usage', 'For how long? For example "3 days" or "1 week".', { usage: SNOOZE_USAGE });
    const until = snoozeEnd(ctx, raw);
    if (!until.ok) return { ok: false, error: { ...until.error, usage: SNOOZE_USAGE } };
    if (until.value.getTime() - ctx.now.getTime() > MAX_SNOOZE_MS) {
      return fail(
        'invalid_value',
        'You can snooze for up to 90 days; archive the contact to stop reminders.',
        { usage: SNOOZE_USAGE },
      );
    }
    const waiting = (await ctx.repos.nudges.listForContact(contact.value.id)).some(
      (n) => n.status === 'pending',
    );
    if (!waiting) {
      // Nothing waits at all: nothing is written, not even the snooze on the timeline.
      return ok({
        blocks: [
          {
            type: 'text',
            lines: [
              ['Nothing is waiting for ', ...contactLabel(contact.value), ', so there is nothing to snooze.'],
            ],
          },
        ],
      });
    }
    const check = isConfirmed(args) ? null : await checkSnooze(ctx, contact.value, until.value, raw);
    if (check) return ok(check);
    const moved = await ctx.repos.nudges.postpone({ contactId: contact.value.id }, until.value);
    // Kept on the contact so that re-planning after a later change does not undo the snooze.
    await ctx.repos.contacts.update(ctx.person.id, contact.value.id, { snoozedUntil: until.value });
    await logPreparation(ctx, contact.value, { kind: 'snooze', body: raw });
    const when = formatDateTime(until.value, ctx.actor.timezone);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            moved
              ? [
                  `Snoozed ${moved} reminder${moved === 1 ? '' : 's'} for `,
                  ...contactLabel(contact.value),
                  ` until ${when}.`,
                ]
              : [
                  'Nothing is due for ',
                  ...contactLabel(contact.value),
                  ` before ${when}, so there is nothing to snooze now; later reminders wait at least until then.`,
                ],
          ],
        },
      ],
    });
  },
});
