/**
 * The coordinator's commands: roles, the weekly digest (preview, channel, time, log), figures,
 * the CSV report, and attaching a second space (a Discord server beside the Slack workspace).
 *
 * Built by `coordinatorCommands(deps)` because the digest's chart is rendered to PNG at the edge
 * (a ChartRenderer); without one, the commands work the same and the preview has no image.
 */
import type { Command, CommandContext, RawArgs } from '../command.js';
import { parseChannelRef } from '../digest/digestChannel.js';
import { computeDigest, digestFactsSince } from '../digest/digestFigures.js';
import { type DigestSchedule, dueSlot, nextSlotAfter } from '../digest/digestSchedule.js';
import { digestReply } from '../digest/digestText.js';
import {
  computeStats,
  DEFAULT_STATS_WEEKS,
  reportCsv,
  reportRows,
  statsFactsSince,
} from '../digest/statsFigures.js';
import { digestLogReply, dmRecipient, statsReply } from '../digest/statsText.js';
import { ROLES, type Role } from '../domain.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { parseLocalTime, parseWeekday, WEEKDAY_NAMES } from '../grammar/clockTimes.js';
import { foldName } from '../grammar/contactRef.js';
import { finish, textOf, usage as usageError } from '../grammar/rawArgs.js';
import { MAX_STATS_WEEKS } from '../grammar/staffGrammars.js';
import { tokenize } from '../grammar/tokenize.js';
import type { ChartRenderer, DigestSettings, Person } from '../ports.js';
import { code, type Line, strong, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { formatDateTime, formatMinuteOfDay } from '../views/format.js';
import { text } from './args.js';
import { COORDINATORS, grammar } from './define.js';
import { CODE_TTL_MS, hashCode, newCode } from './secretCodes.js';

export interface CoordinatorCommandDeps {
  /** Renders the funnel chart to PNG for `digest preview`; absent, the preview has no image. */
  chart?: ChartRenderer;
}

/** How many entries `digest log` shows. */
export const DIGEST_LOG_LIMIT = 20;
const SPACE_CODE_PURPOSE = 'space';

const ROLE_USAGE = 'role <person> <student|mentor|coordinator>';
const CHANNEL_USAGE = 'digest channel <channel|off>';
const AT_USAGE = 'digest at <weekday> <time>';
const STATS_USAGE = 'stats [weeks]';
const JOIN_USAGE = 'space join <code>';

const coordinator = (subcommand: string, group?: string) =>
  group
    ? { command: 'coordinator' as const, group, subcommand }
    : { command: 'coordinator' as const, subcommand };

/** `person:<uuid>` (autocomplete), a platform mention, or a bare Discord user id. */
const PERSON_REF = /^person:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const MENTION = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/;
const SNOWFLAKE = /^\d{15,21}$/;

/**
 * The person a coordinator names, searched only inside the coordinator's own organization: by
 * platform mention or id (through the organization's identities), else by display name.
 */
async function findPerson(ctx: CommandContext, raw: string): Promise<Result<Person>> {
  const { repos, org, actor } = ctx;
  const notFound = fail(
    'not_found',
    'I could not find that person in your organization. They need to have used Rapport here at least once.',
    { usage: ROLE_USAGE, detail: [['You typed: ', user(raw)]] },
  );
  const byId = PERSON_REF.exec(raw)?.[1];
  if (byId) {
    const person = await repos.persons.getById(org.id, byId);
    return person ? ok(person) : notFound;
  }
  const externalId = MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : undefined);
  if (externalId) {
    const person = await repos.directory.findPersonByExternalUser(org.id, actor.platform, externalId);
    return person ? ok(person) : notFound;
  }
  const wanted = foldName(raw.replace(/^@/, ''));
  if (wanted === '') return fail('usage', 'Tell me who, like @sam.', { usage: ROLE_USAGE });
  const people = await repos.persons.listByOrg(org.id);
  const exact = people.filter((p) => foldName(p.displayName) === wanted);
  const matches = exact.length
    ? exact
    : people.filter((p) =>
        foldName(p.displayName)
          .split(' ')
          .some((word) => word.startsWith(wanted)),
      );
  if (matches.length === 1 && matches[0]) return ok(matches[0]);
  if (matches.length === 0) return notFound;
  return fail('ambiguous', 'Several people match that name; mention the person (@name) to pick one.', {
    usage: ROLE_USAGE,
    detail: matches.slice(0, 8).map((p) => ['• ', user(p.displayName)]),
  });
}

const ROLE_WORDS: Record<Role, string> = {
  student: 'a student',
  mentor: 'a mentor',
  coordinator: 'a coordinator',
};

const roleCommand = {
  name: 'role',
  roles: COORDINATORS,
  discord: coordinator('role'),
  summary: 'Give someone in your organization the student, mentor or coordinator role',
  usage: ROLE_USAGE,
  examples: ['role @sam coordinator', 'role @maria mentor'],
  details: ['An organization always keeps at least one coordinator.'],
  options: [
    { name: 'person', type: 'user', description: 'Who', required: true },
    {
      name: 'role',
      type: 'string',
      description: 'Their new role',
      required: true,
      choices: ROLES.map((r) => ({ name: r, value: r })),
    },
  ],
  parse: grammar('role'),
  async run(ctx, args) {
    const raw = text(args, 'person');
    if (!raw) return fail('usage', 'Tell me who, like @sam.', { usage: ROLE_USAGE });
    const role = text(args, 'role')?.toLowerCase();
    if (!role || !(ROLES as readonly string[]).includes(role)) {
      return fail('invalid_value', 'A role is one of: student, mentor or coordinator.', {
        usage: ROLE_USAGE,
      });
    }
    const found = await findPerson(ctx, raw);
    if (!found.ok) return found;
    const target = found.value;
    const newRole = role as Role;
    if (target.role === newRole) {
      return ok({
        blocks: [
          { type: 'text', lines: [[user(target.displayName), ` is already ${ROLE_WORDS[newRole]}.`]] },
        ],
      });
    }
    if (target.role === 'coordinator') {
      // Locked: two coordinators demoting each other at once cannot leave the organization without one.
      const coordinators = await ctx.repos.organizations.lockCoordinators(ctx.org.id);
      if (coordinators.filter((p) => p.id !== target.id).length === 0) {
        return fail(
          'conflict',
          `${target.id === ctx.person.id ? 'You are' : 'They are'} the only coordinator of your organization; make someone else coordinator first.`,
          {
            usage: ROLE_USAGE,
          },
        );
      }
    }
    await ctx.repos.persons.update(ctx.org.id, target.id, { role: newRole });
    const lines: Line[] = [[user(target.displayName), ` is now ${ROLE_WORDS[newRole]}.`]];
    if (newRole === 'mentor')
      lines.push([
        'They can record meetings with ',
        code('log @student'),
        ' and list them with ',
        code('mentees'),
        '.',
      ]);
    if (newRole === 'coordinator')
      lines.push(['They get the weekly digest and can use every coordinator command.']);
    return ok({ blocks: [{ type: 'text', lines }] });
  },
} satisfies Command;

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
  ];
}

function makePreviewCommand(deps: CoordinatorCommandDeps) {
  return {
    name: 'digest preview',
    roles: COORDINATORS,
    discord: coordinator('preview', 'digest'),
    summary: 'The weekly digest as it stands now, with the funnel chart (only you see it)',
    usage: 'digest preview',
    examples: ['digest preview', 'digest'],
    options: [],
    parse: grammar('digest preview'),
    async run(ctx) {
      const { repos, org, now } = ctx;
      const facts = await repos.digest.facts(org.id, digestFactsSince(now, org.timezone), now);
      const figures = computeDigest(facts, now, org.timezone);
      await repos.digest.record({
        orgId: org.id,
        kind: 'preview',
        recipient: dmRecipient([ctx.person.id]),
        requestedById: ctx.person.id,
        studentIds: figures.studentIds,
        sentAt: now,
      });
      const settings = await repos.digest.settings(org.id);
      const reply = digestReply(figures, org.name, deps.chart);
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
  } satisfies Command;
}

const channelCommand = {
  name: 'digest channel',
  roles: COORDINATORS,
  discord: coordinator('channel', 'digest'),
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
  parse: grammar('digest channel'),
  async run(ctx, args) {
    const raw = text(args, 'channel');
    if (!raw) return fail('usage', 'Which channel?', { usage: CHANNEL_USAGE });
    const choice = parseChannelRef(raw, ctx.actor.platform);
    if (!choice.ok) return { ok: false, error: { ...choice.error, usage: CHANNEL_USAGE } };
    if (choice.value.kind === 'dm') {
      await ctx.repos.digest.saveSettings(ctx.org.id, { platform: null, channelId: null });
      return ok({
        blocks: [
          { type: 'text', lines: [['The weekly digest now goes to each coordinator by direct message.']] },
        ],
      });
    }
    await ctx.repos.digest.saveSettings(ctx.org.id, {
      platform: ctx.actor.platform,
      channelId: choice.value.channelId,
    });
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
} satisfies Command;

const atCommand = {
  name: 'digest at',
  roles: COORDINATORS,
  discord: coordinator('at', 'digest'),
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
  parse: grammar('digest at'),
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
} satisfies Command;

const logCommand = {
  name: 'digest log',
  roles: COORDINATORS,
  discord: coordinator('log', 'digest'),
  summary: 'Every digest, stats and report sent: when, to whom, with how many students',
  usage: 'digest log',
  examples: ['digest log'],
  options: [],
  parse: parseNothing,
  async run(ctx) {
    const entries = await ctx.repos.digest.listLog(ctx.org.id, DIGEST_LOG_LIMIT);
    const names = new Map((await ctx.repos.persons.listByOrg(ctx.org.id)).map((p) => [p.id, p.displayName]));
    return ok(digestLogReply(entries, names, ctx.actor.timezone));
  },
} satisfies Command;

/** The number of weeks: Discord sends a number, the text grammar a number too. */
function weeksOf(args: RawArgs): Result<number> {
  const raw = args.weeks;
  if (raw === undefined || raw === '') return ok(DEFAULT_STATS_WEEKS);
  const weeks = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_STATS_WEEKS) {
    return fail('invalid_value', `Give a number of weeks from 1 to ${MAX_STATS_WEEKS}.`, {
      usage: STATS_USAGE,
    });
  }
  return ok(weeks);
}

const statsCommand = {
  name: 'stats',
  roles: COORDINATORS,
  discord: coordinator('stats'),
  summary: 'Funnel figures over the last weeks (4 unless you say)',
  usage: STATS_USAGE,
  examples: ['stats', 'stats 12'],
  options: [
    {
      name: 'weeks',
      type: 'integer',
      description: 'How many weeks back (1 to 52)',
      minValue: 1,
      maxValue: MAX_STATS_WEEKS,
    },
  ],
  parse: grammar('stats'),
  async run(ctx, args) {
    const weeks = weeksOf(args);
    if (!weeks.ok) return weeks;
    const { repos, org, now } = ctx;
    const facts = await repos.digest.facts(org.id, statsFactsSince(now, org.timezone, weeks.value), now);
    const stats = computeStats(facts, now, org.timezone, weeks.value);
    await repos.digest.record({
      orgId: org.id,
      kind: 'stats',
      recipient: dmRecipient([ctx.person.id]),
      requestedById: ctx.person.id,
      studentIds: stats.studentIds,
      sentAt: now,
    });
    return ok(statsReply(stats, org.name, org.timezone));
  },
} satisfies Command;

const reportCommand = {
  name: 'report',
  roles: COORDINATORS,
  discord: coordinator('report'),
  summary: 'A CSV file with one row per student: contacts by stage, meetings, thank-yous',
  usage: 'report',
  examples: ['report'],
  details: ["No note text and no contact's details: counts per student only."],
  options: [],
  parse: grammar('report'),
  async run(ctx) {
    const { repos, org, now } = ctx;
    const rows = reportRows(await repos.digest.facts(org.id, new Date(0), now));
    await repos.digest.record({
      orgId: org.id,
      kind: 'report',
      recipient: dmRecipient([ctx.person.id]),
      requestedById: ctx.person.id,
      studentIds: rows.map((r) => r.studentId),
      sentAt: now,
    });
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [
              `Here is the report: ${rows.length} ${rows.length === 1 ? 'student' : 'students'}, counts only (no notes, no contact details).`,
            ],
          ],
        },
        { type: 'context', lines: [['This report is recorded in the ', code('digest log'), '.']] },
      ],
      files: [
        {
          filename: `rapport-report-${now.toISOString().slice(0, 10)}.csv`,
          contentType: 'text/csv',
          content: reportCsv(rows),
          title: 'Rapport report',
        },
      ],
    });
  },
} satisfies Command;

/** `space join <code>`: exactly one word. */
export function parseSpaceJoin(input: string): Result<RawArgs> {
  const tokens = tokenize(input);
  if (!tokens.ok) return tokens;
  if (tokens.value.length !== 1) {
    const failure = usageError(
      'Give the code you got from a coordinator of the other space, like space join K7Q2MX.',
    );
    return failure.ok ? failure : { ok: false, error: { ...failure.error, usage: JOIN_USAGE } };
  }
  return finish({ code: textOf(tokens.value) });
}

const spaceCodeCommand = {
  name: 'space code',
  roles: COORDINATORS,
  discord: coordinator('code', 'space'),
  summary: 'A one-time code that attaches another workspace or server to your organization',
  usage: 'space code',
  examples: ['space code'],
  details: [
    'Type space code here, then a coordinator of the other Slack workspace or Discord server types space join <code> there within 10 minutes.',
    'That space then belongs to your organization: one digest, one set of roles. Each person can then link their two accounts with link.',
  ],
  options: [],
  parse: parseNothing,
  async run(ctx) {
    const secret = newCode();
    await ctx.repos.codes.create({
      orgId: ctx.org.id,
      personId: ctx.person.id,
      purpose: SPACE_CODE_PURPOSE,
      codeHash: hashCode(secret),
      expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
    });
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            ['Your space code is ', strong(secret), '.'],
            [
              'In the other Slack workspace or Discord server, a coordinator types ',
              code(`space join ${secret}`),
              ' (on Discord: ',
              code('/coordinator space join'),
              ') within 10 minutes. The code works once.',
            ],
            [
              'That space then joins ',
              user(ctx.org.name),
              ': its people keep their roles, and everyone gets one weekly digest.',
            ],
          ],
        },
      ],
    });
  },
} satisfies Command;

const spaceJoinCommand = {
  name: 'space join',
  roles: COORDINATORS,
  discord: coordinator('join', 'space'),
  summary: "Attach this workspace or server to another space's organization, with its code",
  usage: JOIN_USAGE,
  examples: ['space join K7Q2MX'],
  details: ['Only a space whose students have no contacts yet can join, so that no two pipelines are mixed.'],
  options: [
    {
      name: 'code',
      type: 'string',
      description: 'The code from space code on the other platform',
      required: true,
    },
  ],
  parse: parseSpaceJoin,
  async run(ctx, args) {
    const given = text(args, 'code');
    if (!given) return fail('usage', 'Give the code you got from the other space.', { usage: JOIN_USAGE });
    const used = await ctx.repos.codes.consume(SPACE_CODE_PURPOSE, hashCode(given), ctx.now);
    if (!used) {
      return fail(
        'expired',
        'That code is unknown or expired. Ask a coordinator of the other space to type space code for a new one.',
        {
          usage: JOIN_USAGE,
        },
      );
    }
    if (used.orgId === ctx.org.id) {
      return fail('invalid_value', 'This space already belongs to that organization; nothing to do.', {
        usage: JOIN_USAGE,
      });
    }
    if (await ctx.repos.organizations.hasContacts(ctx.org.id)) {
      return fail(
        'conflict',
        'Students here already keep contacts in Rapport, so this space cannot join another organization: their pipelines would mix. Attach it the other way round (space code here, space join in the other space), or ask us to merge the two by hand.',
        { usage: JOIN_USAGE },
      );
    }
    const into = await ctx.repos.directory.getOrganization(used.orgId);
    await ctx.repos.organizations.mergeInto(ctx.org.id, into.id);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [
              'Done: this space now belongs to ',
              user(into.name),
              '. Everyone here keeps their role, and the weekly digest covers both spaces.',
            ],
            [
              'People who use both platforms can connect their accounts: ',
              code('link'),
              ' on one, then ',
              code('link <code>'),
              ' on the other.',
            ],
          ],
        },
      ],
    });
  },
} satisfies Command;

/** Every coordinator command, in help order. */
export function coordinatorCommands(deps: CoordinatorCommandDeps = {}): readonly Command[] {
  return [
    roleCommand,
    makePreviewCommand(deps),
    channelCommand,
    atCommand,
    logCommand,
    statsCommand,
    reportCommand,
    spaceCodeCommand,
    spaceJoinCommand,
  ];
}
