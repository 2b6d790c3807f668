/**
 * Saying how a date was read when it could have been read otherwise: an hour without am or pm,
 * a date in numbers only. A wrong guess shown is a guess the person can correct.
 */
import { DateTime } from 'luxon';
import type { Actor } from '../command.js';
import type { ParsedWhen } from '../grammar/dates.js';
import { dateOrderOf } from '../grammar/dateWords.js';
import type { Line } from '../reply.js';

/** A meeting further ahead than this is checked with the person first (about six months). */
export const FAR_AHEAD_MS = 183 * 24 * 60 * 60 * 1000;

/** The lines that say which reading was chosen; none when nothing was guessed. */
export function dateReadingLines(
  when: ParsedWhen,
  typed: string,
  actor: Pick<Actor, 'timezone' | 'locale'>,
): Line[] {
  const local = DateTime.fromJSDate(when.date, { zone: actor.timezone });
  const lines: Line[] = [];
  if (when.numericDate) {
    const order =
      dateOrderOf(actor.locale) === 'day_first' ? 'day first, then month' : 'month first, then day';
    lines.push([
      'I read ',
      { user: typed },
      ` as ${local.toFormat('cccc d LLLL yyyy')} (${order}, as your language setting writes dates).`,
    ]);
  }
  if (when.guessedMeridiem) {
    const hour = local.hour % 12 === 0 ? 12 : local.hour % 12;
    const minutes = local.minute ? `:${local.toFormat('mm')}` : '';
    const other = when.guessedMeridiem === 'pm' ? 'am' : 'pm';
    lines.push([
      `No am or pm, so I took ${hour}${minutes} ${when.guessedMeridiem === 'pm' ? 'in the afternoon' : 'in the morning'} (${local.toFormat('HH:mm')}); write ${hour}${minutes}${other} if you meant otherwise.`,
    ]);
  }
  return lines;
}
