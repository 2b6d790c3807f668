/**
 * Replies for `stats` and `digest log`, and how a disclosure's recipient is written down and read
 * back.
 */

import { STAGE_LABELS } from '../domain.js';
import type { ChannelTarget } from '../notifier.js';
import type { Line, Reply } from '../reply.js';
import { code, strong, user } from '../reply.js';
import { formatDateTime } from '../views/format.js';
import type { DigestKind, DigestLogEntry } from './digestPorts.js';
import { formatPeriod, percent } from './digestText.js';
import type { StatsFigures } from './statsFigures.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function statsReply(stats: StatsFigures, orgName: string, timezone: string): Reply {
  const weeks = stats.weeks.length;
  return {
    blocks: [
      { type: 'header', text: `Figures for the last ${plural(weeks, 'week')}` },
      { type: 'text', lines: [[user(orgName), `: ${formatPeriod(stats.period, timezone)} (${timezone}).`]] },
      {
        type: 'list',
        title: 'Week by week',
        items: stats.weeks.map(
          (w): Line => [
            strong(formatPeriod(w.period, timezone)),
            `: ${plural(w.activeStudents, 'active student')}, ${plural(w.newContacts, 'new contact')}, ${w.outreachSent} outreach, ${plural(w.meetings.held, 'meeting')} held (${w.meetings.confirmedByBoth} confirmed by both), ${plural(w.thankYous.sent, 'thank-you')}`,
          ],
        ),
      },
      {
        type: 'list',
        title: `Funnel over the ${plural(weeks, 'week')}: contacts that reached each stage`,
        items: [
          ['Added: ', strong(String(stats.added))],
          ...stats.funnel.map(
            (s): Line => [
              `${STAGE_LABELS[s.stage]}: `,
              strong(String(s.contacts)),
              s.conversion === null ? '' : ` (${percent(s.conversion)} of the step before)`,
            ],
          ),
        ],
      },
      {
        type: 'context',
        lines: [
          [
            'Counts only. ',
            code('digest preview'),
            ' shows this week with names; ',
            code('report'),
            ' gives a CSV per student.',
          ],
        ],
      },
    ],
  };
}

/** How a channel is written in `digest_log.recipient`. */
export const channelRecipient = (target: ChannelTarget): string =>
  `channel:${target.platform}:${target.channelId}`;

/** How direct messages to people are written in `digest_log.recipient`. */
export const dmRecipient = (personIds: readonly string[]): string =>
  personIds.map((id) => `dm:${id}`).join(',');

const PLATFORM_NAMES: Record<string, string> = { slack: 'Slack', discord: 'Discord', console: 'the console' };

/** A recipient as a person reads it; unknown (forgotten) people are "a former member". */
export function describeRecipient(recipient: string, names: ReadonlyMap<string, string>): Line {
  if (recipient.startsWith('channel:')) {
    const [, platform = '', ...rest] = recipient.split(':');
    return [`channel `, code(rest.join(':')), ` on ${PLATFORM_NAMES[platform] ?? platform}`];
  }
  const people = recipient
    .split(',')
    .filter((part) => part.startsWith('dm:'))
    .map((part) => names.get(part.slice(3)) ?? 'a former member');
  if (people.length === 0) return ['nobody'];
  const line: Line = ['DM to '];
  people.forEach((name, i) => {
    if (i > 0) line.push(', ');
    line.push(user(name));
  });
  return line;
}

const KIND_LABELS: Record<DigestKind, string> = {
  digest: 'Weekly digest',
  advisor_digest: "Advisor's weekly digest",
  preview: 'Digest preview',
  stats: 'Stats',
  report: 'CSV report',
};

/** `digest log`: what was sent, when, to whom, carrying how many students' data. */
export function digestLogReply(
  entries: readonly DigestLogEntry[],
  names: ReadonlyMap<string, string>,
  timezone: string,
): Reply {
  if (entries.length === 0) {
    return {
      blocks: [
        {
          type: 'text',
          lines: [
            [
              'Nothing has been sent yet. The first weekly digest goes out at the time ',
              code('digest at'),
              ' sets.',
            ],
          ],
        },
      ],
    };
  }
  const items = entries.map((e): Line => {
    const when = formatDateTime(e.sentAt ?? e.createdAt, timezone);
    const by = e.requestedById
      ? ['asked by ', user(names.get(e.requestedById) ?? 'a former member'), ', ']
      : [];
    return [
      strong(when),
      ` — ${KIND_LABELS[e.kind]}${e.slot ? ` (${e.slot.split(':')[0]})` : ''} to `,
      ...describeRecipient(e.recipient, names),
      ' (',
      ...by,
      `${plural(e.studentCount, "student's data", "students' data")})`,
    ];
  });
  return {
    blocks: [
      { type: 'header', text: 'Digest log' },
      { type: 'list', title: `The last ${plural(entries.length, 'entry', 'entries')}, newest first`, items },
      {
        type: 'context',
        lines: [
          [
            'Every digest, preview, stats and report is recorded here with the students whose figures it carried.',
          ],
        ],
      },
    ],
  };
}
