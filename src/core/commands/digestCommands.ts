/**
 * The coordinator's digest commands: `digest preview`, `digest channel`, `digest at` and
 * `digest csv`; the figures asked for on the spot (`digest log`, `stats`, `report`) are in
 * figureCommands.ts. The figures come from src/core/digest; the preview's chart is rendered to
 * PNG at the edge (a ChartRenderer) that the facade puts on the command context; without one the
 * preview has no image.
 */

import { scopedTitle, scopeFacts, scopeFor } from '../cohorts/cohortScope.js';
import type { Command, RawArgs } from '../command.js';
import { checkDigestChannel, parseChannelRef } from '../digest/digestChannel.js';
import { digestFactsSince } from '../digest/digestFigures.js';
import { digestMessage } from '../digest/digestMessage.js';
import type { DigestSettings } from '../digest/digestPorts.js';
import { type DigestSchedule, digestWeeks, dueSlot, nextSlotAfter } from '../digest/digestSchedule.js';
import { dmRecipient } from '../digest/statsText.js';
import { parseLocalTime, parseWeekday, WEEKDAY_NAMES } from '../grammar/clockTimes.js';
import { parseOptionalCohort } from '../grammar/cohortGrammars.js';
import { parseDigestAt, parseDigestChannel } from '../grammar/staffGrammars.js';
import { code, type Line, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { formatDateTime, formatMinuteOfDay } from '../views/format.js';
import { text } from './args.js';
import { ADVISORS, COORDINATORS, defineCommand } from './define.js';
import { COHORT_OPTION, FIGURE_COMMANDS } from './figureCommands.js';

const CHANNEL_USAGE = 'digest channel <channel|off>';
const AT_USAGE = 'digest at <weekday> <time>';
const CSV_USAGE = 'digest csv [on|off]';
const PREVIEW_USAGE = 'digest preview [cohort]';

/** Why a channel is not taken, in one sentence each. */
const CHANNEL_REFUSALS = {
  elsewhere:
    "That channel is not in one of your organization's workspaces or servers, so the digest cannot go there; if it is a private channel, invite Rapport to it first.",
  unchecked: 'I could not check that channel just now, so nothing changed; please try again in a minute.',
} as const;

function scheduleOf(settings: DigestSettings, timezone: string): DigestSchedule {
  return { weekday: settings.weekday, minuteOfDay: settings.minuteOfDay, timezone };
}

/** "every Monday at 09:00 (America/New_York), to #careers" */
function describeSettings(settings: DigestSettings, timezone: string): Line {
  const day = WEEKDAY_NAMES[settings.weekday - 1] ?? 'monday';
  const where: Line = settings.channelId
    ? [', in channel ', code(settings.channelId)]
    : [', to each coordinator by DM'];
  return [
    `every ${day[0]?.toUpperCase()}${day.slice(1)} at ${formatMinuteOfDay(settings.minuteOfDay)} (${timezone})`,
    ...where,
    ...(settings.attachCsv ? [', with the CSV file per student'] : []),
  ];
}

const previewCommand = defineCommand({
  name: 'digest preview',
  aliases: ['digest'],
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'The weekly digest as it stands now, with the funnel chart and any CSV file (only you see it)',
  usage: PREVIEW_USAGE,
  examples: ['digest preview', 'digest', 'digest preview 2'],
  details: ['An advisor sees the cohorts they advise; anyone may name one cohort.'],
  options: [COHORT_OPTION],
  parse: parseOptionalCohort,
  uses: ['cohorts', 'digest', 'outcomes'],
  async run(ctx, args) {
    const { repos, org, now } = ctx;
    const scope = await scopeFor(ctx, text(args, 'cohort'), PREVIEW_USAGE);
    if (!scope.ok) return scope;
    const since = digestFactsSince(now, org.timezone);
    const [facts, settings, outcomes] = await Promise.all([
      repos.digest.facts(org.id, since, now),
      repos.digest.settings(org.id),
      repos.outcomes.counts(org.id, digestWeeks(now, org.timezone).current.from, scope.value.studentIds),
    ]);
    const title = scopedTitle(org.name, scope.value);
    const { reply, studentIds } = digestMessage(scopeFacts(facts, scope.value), now, org.timezone, title, {
      chart: ctx.chart,
      csv: settings.attachCsv,
      outcomes,
    });
    await repos.digest.record({
      orgId: org.id,
      kind: 'preview',
      recipient: dmRecipient([ctx.person.id]),
      requestedById: ctx.person.id,
      studentIds,
      sentAt: now,
    });
    reply.blocks.push({
      type: 'context',
      lines: [
        [
          'Preview: only you see this. The digest goes out ',
          ...describeSettings(settings, org.timezone),
          '.',
        ],
      ],
    });
    return ok(reply);
  },
});

const channelCommand = defineCommand({
  name: 'digest channel',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Where the weekly digest goes: a channel, or off for DMs to each coordinator',
  usage: CHANNEL_USAGE,
  examples: ['digest channel #careers-team', 'digest channel off'],
  details: ['The channel is on the platform you type this from; invite Rapport to it so it can post.'],
  options: [
    {
      name: 'channel',
      type: 'string',
      description: 'The channel (type # and pick it), or off',
      required: true,
    },
  ],
  parse: parseDigestChannel,
  uses: ['digest', 'organizations'],
  async run(ctx, args) {
    const raw = text(args, 'channel');
    if (!raw) return fail('usage', 'Which channel?', { usage: CHANNEL_USAGE });
    const choice = parseChannelRef(raw, ctx.references);
    if (!choice.ok) return { ok: false, error: { ...choice.error, usage: CHANNEL_USAGE } };
    if (choice.value.kind === 'dm') {
      await ctx.repos.digest.saveSettings(ctx.org.id, { platform: null, channelId: null });
      return ok({
        blocks: [
          { type: 'text', lines: [['The weekly digest now goes to each coordinator by direct message.']] },
        ],
      });
    }
    const target = { platform: ctx.actor.platform, channelId: choice.value.channelId };
    const verdict = await checkDigestChannel(
      ctx.channels,
      target,
      await ctx.repos.organizations.spaces(ctx.org.id),
    );
    if (!verdict.ok)
      return fail(
        verdict.reason === 'elsewhere' ? 'forbidden' : 'unavailable',
        CHANNEL_REFUSALS[verdict.reason],
        { usage: CHANNEL_USAGE },
      );
    await ctx.repos.digest.saveSettings(ctx.org.id, target);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            ['The weekly digest now goes to ', user(choice.value.label), '.'],
            [
              'Invite Rapport to that channel so it can post there; if it cannot, the coordinators get the digest by DM.',
            ],
          ],
        },
      ],
    });
  },
});

const atCommand = defineCommand({
  name: 'digest at',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: "When the weekly digest goes out, in the organization's time zone",
  usage: AT_USAGE,
  examples: ['digest at monday 9:00', 'digest at friday 4pm'],
  options: [
    {
      name: 'weekday',
      type: 'string',
      description: 'Day of the week',
      required: true,
      choices: WEEKDAY_NAMES.map((d) => ({ name: d, value: d })),
    },
    { name: 'time', type: 'string', description: 'Time of day, e.g. 9:00 or 4pm', required: true },
  ],
  parse: parseDigestAt,
  uses: ['digest'],
  async run(ctx, args) {
    const weekday = parseWeekday(text(args, 'weekday') ?? '');
    if (!weekday.ok) return { ok: false, error: { ...weekday.error, usage: AT_USAGE } };
    const minute = parseLocalTime(text(args, 'time') ?? '');
    if (!minute.ok) return { ok: false, error: { ...minute.error, usage: AT_USAGE } };
    const { repos, org, now } = ctx;
    const settings = await repos.digest.saveSettings(org.id, {
      weekday: weekday.value,
      minuteOfDay: minute.value,
    });
    const schedule = scheduleOf(settings, org.timezone);
    const due = dueSlot(now, schedule);
    const lines: Line[] = [['The weekly digest goes out ', ...describeSettings(settings, org.timezone), '.']];
    if (due && !(await repos.digest.slotTaken(org.id, due.key))) {
      lines.push([
        "This week's digest is due already: it goes out with the worker's next round, within a minute or so.",
      ]);
    } else {
      lines.push([`Next: ${formatDateTime(nextSlotAfter(now, schedule).at, org.timezone)}.`]);
    }
    return ok({ blocks: [{ type: 'text', lines }] });
  },
});

/** `on` or `off`, or nothing to ask how it is set. */
export function parseDigestCsv(text: string): Result<RawArgs> {
  const words = text.trim().toLowerCase().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return ok({});
  const [word] = words;
  if (words.length === 1 && (word === 'on' || word === 'off')) return ok({ attach: word });
  return fail('usage', 'Say on or off, or nothing to see how it is set.', { usage: CSV_USAGE });
}

const csvCommand = defineCommand({
  name: 'digest csv',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Attach a CSV file of counts per student to the weekly digest, or stop it (off by default)',
  usage: CSV_USAGE,
  examples: ['digest csv on', 'digest csv off', 'digest csv'],
  details: [
    "Each row holds one student's counts for the digest's week: contacts by stage, outreach, meetings held, thank-yous, stalled or not, and the last activity date.",
    "The file names students only: no email addresses, profile links, notes, nor any contact's name. It goes wherever the digest goes, and digest preview shows it too.",
    'With nothing after it, it tells you whether the file is attached now.',
  ],
  options: [
    {
      name: 'attach',
      type: 'string',
      description: 'Attach the CSV file to the digest: on or off',
      required: true,
      choices: [
        { name: 'on', value: 'on' },
        { name: 'off', value: 'off' },
      ],
    },
  ],
  parse: parseDigestCsv,
  uses: ['digest'],
  async run(ctx, args) {
    const raw = text(args, 'attach')?.trim().toLowerCase();
    const { repos, org } = ctx;
    if (!raw) {
      const settings = await repos.digest.settings(org.id);
      return ok({
        blocks: [
          {
            type: 'text',
            lines: settings.attachCsv
              ? [
                  ['The weekly digest carries a CSV file with one row per student.'],
                  ['Stop it with ', code('digest csv off'), '.'],
                ]
              : [
                  ['The weekly digest goes out without a CSV file.'],
                  ['Add one, with a row of counts per student, with ', code('digest csv on'), '.'],
                ],
          },
        ],
      });
    }
    if (raw !== 'on' && raw !== 'off') {
      return fail('invalid_value', 'Say on or off.', { usage: CSV_USAGE });
    }
    const settings = await repos.digest.saveSettings(org.id, { attachCsv: raw === 'on' });
    const lines: Line[] = settings.attachCsv
      ? [
          [
            'The weekly digest now carries a CSV file: one row per student with their counts for the week, and no email addresses, notes or contacts.',
          ],
          ['See it with ', code('digest preview'), '.'],
        ]
      : [['The weekly digest no longer carries the CSV file.']];
    lines.push(['It goes out ', ...describeSettings(settings, org.timezone), '.']);
    return ok({ blocks: [{ type: 'text', lines }] });
  },
});

/** The digest commands, in help order. */
export const DIGEST_COMMANDS: readonly Command[] = [
  previewCommand,
  channelCommand,
  atCommand,
  csvCommand,
  ...FIGURE_COMMANDS,
];
