/** The person's own settings: time zone and quiet hours. */
import type { CommandContext } from '../command.js';
import { parseQuietHours, parseTimeZoneSetting } from '../grammar/accountGrammars.js';
import { parseTimeRange } from '../grammar/clockTimes.js';
import { resolveZoneName } from '../grammar/zoneNames.js';
import type { Organization, Person } from '../people/peoplePorts.js';
import { type ReplanRepos, replanEverything } from '../pipeline/replan.js';
import { code, type Reply } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { personZone } from '../timeZones.js';
import { formatMinuteOfDay } from '../views/format.js';
import { text } from './args.js';
import { defineCommand, EVERYONE } from './define.js';

/** The settings as they stand for a person (their zone, else the organization's). */
function settingsView(person: Person, org: Organization, intro?: string): Reply {
  const zone = personZone(person, org.timezone);
  const wakeStart = person.wakeStartMinute;
  const wakeEnd = person.wakeEndMinute;
  return {
    blocks: [
      ...(intro ? [{ type: 'text' as const, lines: [[intro]] }] : []),
      {
        type: 'fields',
        fields: [
          { label: 'Time zone', value: [zone] },
          {
            label: 'Reminders between',
            value: [`${formatMinuteOfDay(wakeStart)} and ${formatMinuteOfDay(wakeEnd)}`],
          },
        ],
      },
      {
        type: 'context',
        lines: [
          [
            'Change them with ',
            code('settings tz America/Chicago'),
            ' or ',
            code('settings quiet 21:00-08:00'),
            '.',
          ],
        ],
      },
    ],
  };
}

/** Saves a settings change; every reminder's due time depends on it, so all are re-planned. */
async function saveSettings(
  ctx: CommandContext<'persons' | ReplanRepos>,
  patch: Partial<Pick<Person, 'timezone' | 'timezoneSetByUser' | 'wakeStartMinute' | 'wakeEndMinute'>>,
  intro: string,
): Promise<Result<Reply>> {
  const person = await ctx.repos.persons.update(ctx.org.id, ctx.person.id, patch);
  await replanEverything({ ...ctx, person });
  return ok(settingsView(person, ctx.org, intro));
}

export const settingsShowCommand = defineCommand({
  name: 'settings',
  roles: EVERYONE,
  audience: 'student',
  readOnly: true,
  summary: 'Your time zone and quiet hours',
  usage: 'settings',
  examples: ['settings'],
  options: [],
  parse: (rest: string): Result<Record<string, never>> =>
    rest.trim()
      ? fail('usage', 'Use settings tz <zone> or settings quiet <from>-<to>.', {
          usage: 'settings tz <zone>',
        })
      : ok({}),
  /** The settings shown are the person's and the organization's, already in the context. */
  uses: [],
  async run(ctx) {
    return ok(settingsView(ctx.person, ctx.org));
  },
});

const TZ_USAGE = 'settings tz <zone>';

export const settingsTzCommand = defineCommand({
  name: 'settings tz',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Set your time zone (dates you type and reminders use it)',
  usage: TZ_USAGE,
  examples: ['settings tz America/Chicago', 'settings tz new york', 'settings tz Berlin'],
  options: [
    {
      name: 'zone',
      type: 'string',
      description: 'A city or zone, e.g. New York or America/Chicago',
      required: true,
    },
  ],
  parse: parseTimeZoneSetting,
  uses: ['contacts', 'nudges', 'persons', 'planning'],
  async run(ctx, args) {
    const typed = text(args, 'zone');
    if (!typed) return fail('usage', 'Which time zone?', { usage: TZ_USAGE });
    const zone = resolveZoneName(typed);
    if (!zone) {
      return fail(
        'invalid_value',
        'I do not know that time zone. Use a city like New York or Paris, or a name like America/Chicago.',
        {
          usage: TZ_USAGE,
        },
      );
    }
    return saveSettings(
      ctx,
      { timezone: zone, timezoneSetByUser: true },
      `Time zone saved: ${zone}. Your reminders follow it.`,
    );
  },
});

const QUIET_USAGE = 'settings quiet <from>-<to>';

export const settingsQuietCommand = defineCommand({
  name: 'settings quiet',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Hours when no reminder reaches you',
  usage: QUIET_USAGE,
  examples: ['settings quiet 21:00-08:00', 'settings quiet 22:00-07:30'],
  options: [{ name: 'hours', type: 'string', description: 'From-to, e.g. 21:00-08:00', required: true }],
  parse: parseQuietHours,
  uses: ['contacts', 'nudges', 'persons', 'planning'],
  async run(ctx, args) {
    const raw = text(args, 'hours');
    if (!raw) return fail('usage', 'Which hours should stay quiet?', { usage: QUIET_USAGE });
    const range = parseTimeRange(raw);
    if (!range.ok) return { ok: false, error: { ...range.error, usage: QUIET_USAGE } };
    const { fromMinute, toMinute } = range.value;
    if (fromMinute === toMinute) {
      return fail('invalid_value', 'Quiet hours need a start and an end that differ.', {
        usage: QUIET_USAGE,
      });
    }
    // Quiet from 21:00 to 08:00 means reminders may come from 08:00 to 21:00.
    return saveSettings(ctx, { wakeStartMinute: toMinute, wakeEndMinute: fromMinute }, 'Quiet hours saved.');
  },
});
