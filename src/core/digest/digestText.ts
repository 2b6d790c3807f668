/**
 * The digest as a Reply: the week's figures with the week before, the funnel as text (and as a
 * chart image when a renderer is given), and the lists of people. Names are user text; nothing
 * else about a student or a contact appears.
 */
import { STAGE_LABELS } from '../domain.js';
import type { Block, FileAttachment, Line, Reply } from '../reply.js';
import { strong, user } from '../reply.js';
import { formatDate } from '../views/format.js';
import type { DigestFigures } from './digestFigures.js';
import type { ChartRenderer } from './digestPorts.js';
import type { Period } from './digestSchedule.js';
import { funnelChartSvg } from './funnelChart.js';
import { POPULAR_MIN_STUDENTS, POPULAR_WINDOW_DAYS, STALLED_AFTER_DAYS } from './studentLists.js';
import type { ThankYouFigures } from './weekFigures.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "+2", "-1" or "same". */
export function delta(current: number, previous: number): string {
  const d = current - previous;
  return d === 0 ? 'same' : d > 0 ? `+${d}` : `${d}`;
}

/** "12 (last week 9, +3)". */
export function withPrevious(current: number, previous: number): string {
  return `${current} (last week ${previous}, ${delta(current, previous)})`;
}

/** "45 min", "5 h 30 min", "3 days 2 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 60) return `${minutes} min`;
  if (ms < 2 * DAY_MS) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const days = Math.floor(ms / DAY_MS);
  const h = Math.round((ms - days * DAY_MS) / HOUR_MS);
  return h === 0 ? `${days} days` : `${days} days ${h} h`;
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** "26 Oct 2026 – 2 Nov 2026" in the zone: the first and the last day the period touches. */
export function formatPeriod(period: Period, timezone: string): string {
  return `${formatDate(period.from, timezone)} – ${formatDate(period.to, timezone)}`;
}

function thankYouLine(current: ThankYouFigures, previous: ThankYouFigures): Line {
  const parts = [withPrevious(current.sent, previous.sent)];
  if (current.share !== null) {
    parts.push(
      `${current.within24h} of ${current.withKnownMeeting} within 24 h of the meeting: ${percent(current.share)}`,
    );
  } else if (current.sent > 0) {
    parts.push('no recorded meeting to time them against');
  }
  if (previous.share !== null) parts.push(`last week ${percent(previous.share)} within 24 h`);
  return [parts.join('; ')];
}

function medianLine(current: ThankYouFigures, previous: ThankYouFigures): Line {
  const now =
    current.medianMs === null ? 'no thank-you with a recorded meeting' : formatDuration(current.medianMs);
  const before = previous.medianMs === null ? 'none' : formatDuration(previous.medianMs);
  return [`${now} (last week ${before})`];
}

/** The figures and lists as blocks (no chart). */
export function digestBlocks(figures: DigestFigures, orgName: string): Block[] {
  const { current: cur, previous: prev, timezone } = figures;
  const m = cur.meetings;
  const blocks: Block[] = [
    { type: 'header', text: 'Weekly digest' },
    {
      type: 'text',
      lines: [
        [
          user(orgName),
          `: the week of ${formatPeriod(cur.period, timezone)} (${timezone}), compared with the week before.`,
        ],
      ],
    },
    {
      type: 'fields',
      fields: [
        { label: 'Active students', value: [withPrevious(cur.activeStudents, prev.activeStudents)] },
        { label: 'New contacts', value: [withPrevious(cur.newContacts, prev.newContacts)] },
        { label: 'Outreach sent', value: [withPrevious(cur.outreachSent, prev.outreachSent)] },
        {
          label: 'Meetings held',
          value: [
            `${withPrevious(m.held, prev.meetings.held)}; student-logged ${m.studentLogged}, mentor-logged ${m.mentorLogged}, confirmed by both ${m.confirmedByBoth}`,
          ],
        },
        { label: 'Thank-yous sent', value: thankYouLine(cur.thankYous, prev.thankYous) },
        { label: 'Median time from meeting to thank-you', value: medianLine(cur.thankYous, prev.thankYous) },
      ],
    },
    {
      type: 'list',
      title: 'Funnel by stage (all contacts today)',
      items: figures.funnel.map((s): Line => [`${STAGE_LABELS[s.stage]}: `, strong(String(s.count))]),
    },
  ];
  blocks.push({
    type: 'list',
    title: `Stalled: open contacts, no activity for ${STALLED_AFTER_DAYS} days or more`,
    items: figures.stalled.length
      ? figures.stalled.map(
          (s): Line => [
            user(s.name),
            ` — ${s.openContacts} open ${s.openContacts === 1 ? 'contact' : 'contacts'}, last activity ${formatDate(s.lastActivityAt, timezone)}`,
          ],
        )
      : [['Nobody.']],
  });
  blocks.push({
    type: 'list',
    title: 'Students with no contacts yet',
    items: figures.withoutContacts.length
      ? figures.withoutContacts.map((p): Line => [user(p.displayName)])
      : [['Nobody.']],
  });
  blocks.push({
    type: 'list',
    title: "Mentors' logged meetings",
    items: figures.mentors.length
      ? figures.mentors.map((r): Line => [user(r.name), `: ${withPrevious(r.meetings, r.previous)}`])
      : [['No meetings logged by mentors these two weeks.']],
  });
  blocks.push({
    type: 'list',
    title: `Professionals contacted by ${POPULAR_MIN_STUDENTS} or more students in the last ${POPULAR_WINDOW_DAYS} days`,
    items: figures.popular.length
      ? figures.popular.map(
          (p): Line => [
            user(p.name),
            ...(p.organization ? [' (', user(p.organization), ')'] : []),
            `: ${p.students} students`,
          ],
        )
      : [['None.']],
  });
  blocks.push({
    type: 'context',
    lines: [
      [
        "Counts and names only: students' notes and their contacts' details stay private. Every digest sent is recorded; see digest log.",
      ],
    ],
  });
  return blocks;
}

/** The chart image of the funnel, when a renderer is at hand. */
export function digestChart(
  figures: DigestFigures,
  orgName: string,
  renderer: ChartRenderer,
): FileAttachment {
  const chart = funnelChartSvg(
    figures.funnel,
    `Funnel by stage — ${orgName}`,
    `Contacts by stage on ${formatDate(figures.at, figures.timezone)}`,
  );
  return {
    filename: `rapport-funnel-${figures.at.toISOString().slice(0, 10)}.png`,
    contentType: 'image/png',
    content: renderer.renderPng(chart.svg),
    title: 'Funnel by stage',
    altText: funnelSentence(figures),
  };
}

/** The chart as a sentence: "Contacts by stage on 23 Nov 2026: identified 4, reached out 2, ..." */
export function funnelSentence(figures: DigestFigures): string {
  const stages = figures.funnel.map((s) => `${STAGE_LABELS[s.stage].toLowerCase()} ${s.count}`);
  const total = figures.funnel.reduce((sum, s) => sum + s.count, 0);
  return `Bar chart of contacts by stage on ${formatDate(figures.at, figures.timezone)}, ${total} in all: ${stages.join(', ')}.`;
}

/** The whole digest: blocks, and the chart as a PNG file when `renderer` is given. */
export function digestReply(figures: DigestFigures, orgName: string, renderer?: ChartRenderer): Reply {
  const reply: Reply = { blocks: digestBlocks(figures, orgName) };
  if (renderer) reply.files = [digestChart(figures, orgName, renderer)];
  return reply;
}
