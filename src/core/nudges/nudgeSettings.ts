/**
 * The organization's nudge timing as a coordinator sees it: each setting's short name (what is
 * typed after `nudges set`), the section it belongs to, how a typed value is read and checked
 * against LIMITS, and how the value in force is said in words.
 */
import { parseTimeRange } from '../grammar/clockTimes.js';
import { parseDuration } from '../grammar/durations.js';
import { closestCommand } from '../grammar/subcommands.js';
import { fail, ok, type Result } from '../result.js';
import { formatMinuteOfDay } from '../views/format.js';
import { MS_PER_DAY, MS_PER_HOUR } from './localTime.js';
import { isAllowed, LIMITS, type NudgeConfig } from './nudgeConfig.js';

/** The sections of `nudges`, in the order a coordinator follows a conversation. */
export const NUDGE_SECTIONS = [
  'Follow-ups',
  'Meetings',
  'Staying in touch',
  'Pipeline and reflection',
  'Waking hours',
] as const;
export type NudgeSection = (typeof NUDGE_SECTIONS)[number];

type NumericKey = Exclude<keyof NudgeConfig, 'wakeStartMinute' | 'wakeEndMinute'>;

/** One setting of `nudges set`. */
export interface NudgeSetting {
  /** What a coordinator types: `follow-up-days`. */
  name: string;
  section: NudgeSection;
  /** A few words on what it sets (Discord's choice label). */
  label: string;
  /** The config values it sets: one, or both ends of the waking window. */
  keys: readonly (keyof NudgeConfig)[];
  /** Its usage line: `nudges set follow-up-days <days>`. */
  usage: string;
  /** The value in force, in words: "7 days", "3 follow-ups", "09:00 to 20:00". */
  valueText(config: NudgeConfig): string;
  /** The sentence `nudges` shows around the value: [before, after]. */
  sentence: readonly [string, string];
  /** Reads a typed value into the config values it sets, within LIMITS. */
  read(raw: string): Result<Partial<NudgeConfig>>;
}

/** At most two decimals, and none when whole: "1.5", "7". */
const decimal = (n: number): string => String(Math.round(n * 100) / 100);
const counted = (n: number, noun: string): string => `${decimal(n)} ${noun}${n === 1 ? '' : 's'}`;

const NUMBER = /^\d+(?:\.\d+)?$/u;
const WHOLE = /^\d+$/u;

/** A number in the setting's unit: a bare number, or a length such as "2 weeks" or "36h". */
function readAmount(raw: string, unitMs: number): number | undefined {
  const typed = raw.trim().toLowerCase();
  if (NUMBER.test(typed)) return Number(typed);
  const duration = parseDuration(typed);
  return duration.ok ? Math.round((duration.value.ms / unitMs) * 100) / 100 : undefined;
}

/** "more than 0 and at most 365 days", "a whole number from 0 to 10". */
function rangeText(key: NumericKey, unit: string): string {
  const limit = LIMITS[key];
  if (limit.integer) return `a whole number from ${limit.min} to ${limit.max}`;
  return limit.exclusiveMin
    ? `a number of ${unit} above ${limit.min}, at most ${limit.max}`
    : `a number of ${unit} from ${limit.min} to ${limit.max}`;
}

type Kind = { unit: 'days' | 'hours'; noun?: never } | { unit: 'count'; noun: string };

function numeric(
  spec: {
    name: string;
    section: NudgeSection;
    key: NumericKey;
    label: string;
    sentence: [string, string];
  } & Kind,
): NudgeSetting {
  const { name, key, unit } = spec;
  const usage = `nudges set ${name} <${unit === 'count' ? 'number' : unit}>`;
  const refuse = (lead: string): Result<never> =>
    fail('invalid_value', `${lead} ${name} takes ${rangeText(key, unit)}.`, { usage });
  return {
    name,
    section: spec.section,
    label: spec.label,
    keys: [key],
    usage,
    sentence: spec.sentence,
    valueText: (config) =>
      counted(config[key], unit === 'count' ? spec.noun : unit === 'days' ? 'day' : 'hour'),
    read(raw) {
      const typed = raw.trim();
      const value =
        unit === 'count'
          ? WHOLE.test(typed)
            ? Number(typed)
            : undefined
          : readAmount(typed, unit === 'days' ? MS_PER_DAY : MS_PER_HOUR);
      if (value === undefined) {
        const other = unit === 'days' ? 'weeks' : 'days';
        return refuse(
          unit === 'count'
            ? 'That is not a whole number:'
            : `I could not read that; give a number, or a length like "2 ${other}":`,
        );
      }
      if (!isAllowed(value, LIMITS[key])) return refuse('That is out of range:');
      return ok({ [key]: value });
    },
  };
}

const wakingHours: NudgeSetting = {
  name: 'waking-hours',
  section: 'Waking hours',
  label: 'when newcomers may get reminders (08:00-21:00)',
  keys: ['wakeStartMinute', 'wakeEndMinute'],
  usage: 'nudges set waking-hours <from>-<to>',
  sentence: [
    'Reminders from ',
    ' for people who join from now on; each person can change theirs with settings quiet.',
  ],
  valueText: (config) =>
    `${formatMinuteOfDay(config.wakeStartMinute)} to ${formatMinuteOfDay(config.wakeEndMinute)}`,
  read(raw) {
    const range = parseTimeRange(raw);
    if (!range.ok) {
      return fail(
        'invalid_value',
        'I could not read those hours: waking-hours takes two different times of day, like 08:00-21:00.',
        { usage: 'nudges set waking-hours <from>-<to>' },
      );
    }
    return ok({ wakeStartMinute: range.value.fromMinute, wakeEndMinute: range.value.toMinute });
  },
};

/** Every setting, in the order `nudges` shows them. */
export const NUDGE_SETTINGS: readonly NudgeSetting[] = [
  numeric({
    name: 'follow-up-days',
    section: 'Follow-ups',
    key: 'followUpDays',
    unit: 'days',
    label: 'days before each follow-up',
    sentence: ['Follow up ', ' after the last contact, and as long again between follow-ups.'],
  }),
  numeric({
    name: 'follow-ups',
    section: 'Follow-ups',
    key: 'maxFollowUps',
    unit: 'count',
    noun: 'follow-up',
    label: 'follow-ups per outreach, at most',
    sentence: ['At most ', ' per outreach; after the last one the student is told to move on.'],
  }),
  numeric({
    name: 'prep-hours',
    section: 'Meetings',
    key: 'prepHoursBefore',
    unit: 'hours',
    label: 'hours before a meeting to prepare',
    sentence: ['Prepare ', ' before a meeting.'],
  }),
  numeric({
    name: 'thank-you-hours',
    section: 'Meetings',
    key: 'thankYouHoursAfter',
    unit: 'hours',
    label: 'hours after a meeting to send thanks',
    sentence: ['Thank-you note and debrief ', ' after a meeting ends, and once more the next morning.'],
  }),
  numeric({
    name: 'keep-in-touch-days',
    section: 'Staying in touch',
    key: 'keepInTouchDays',
    unit: 'days',
    label: 'days after the thank-you to keep in touch',
    sentence: ['Tell them how their advice worked out ', ' after the thank-you.'],
  }),
  numeric({
    name: 'second-conversation-days',
    section: 'Staying in touch',
    key: 'secondConversationDays',
    unit: 'days',
    label: 'days after a meeting to ask for another',
    sentence: ['Ask for a second conversation about ', ' after the meeting.'],
  }),
  numeric({
    name: 'pipeline-target',
    section: 'Pipeline and reflection',
    key: 'pipelineTarget',
    unit: 'count',
    noun: 'open contact',
    label: 'open contacts a healthy list holds',
    sentence: ['Weekly pipeline reminder when a list holds fewer than ', '.'],
  }),
  numeric({
    name: 'inactivity-days',
    section: 'Pipeline and reflection',
    key: 'inactivityDays',
    unit: 'days',
    label: 'quiet days before the pipeline reminder',
    sentence: ['The same reminder when nothing happened on the list for ', '.'],
  }),
  numeric({
    name: 'reflect-meetings',
    section: 'Pipeline and reflection',
    key: 'reflectMeetings',
    unit: 'count',
    noun: 'meeting',
    label: 'meetings held before reflecting',
    sentence: ['Reflect once on whether the field fits, after ', ' held.'],
  }),
  numeric({
    name: 'reflect-days',
    section: 'Pipeline and reflection',
    key: 'reflectDays',
    unit: 'days',
    label: 'days after the first outreach to reflect',
    sentence: ['Or, if that comes first, ', ' after the first outreach.'],
  }),
  wakingHours,
];

/** Setting names, for lists and suggestions. */
export const NUDGE_SETTING_NAMES: readonly string[] = NUDGE_SETTINGS.map((s) => s.name);

/** True when the setting's value in `config` is not the one in `defaults`. */
export function differs(s: NudgeSetting, config: NudgeConfig, defaults: NudgeConfig): boolean {
  return s.keys.some((key) => config[key] !== defaults[key]);
}

/**
 * Finds a setting by what was typed (any case, `_` for `-`); otherwise the closest name, when
 * one is near.
 */
export function findSetting(
  typed: string,
): { setting: NudgeSetting } | { setting?: never; closest?: string } {
  const name = typed.trim().toLowerCase().replace(/_/g, '-');
  const found = NUDGE_SETTINGS.find((s) => s.name === name);
  if (found) return { setting: found };
  const closest = closestCommand(name, NUDGE_SETTING_NAMES);
  return closest ? { closest } : {};
}
