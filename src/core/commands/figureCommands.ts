/**
 * The figures a coordinator or an advisor asks for on the spot: `stats` (the funnel over the
 * last weeks), `report` (a CSV per student, counts only) and `digest log` (every digest, stats and
 * report sent). Each `stats` and `report` is recorded in the disclosure log like a digest.
 */
import { scopedTitle, scopeFacts, scopeFor } from '../cohorts/cohortScope.js';
import type { Command, RawArgs } from '../command.js';
import { outcomesSince } from '../digest/outcomeLines.js';
import {
  computeStats,
  DEFAULT_STATS_WEEKS,
  reportCsv,
  reportRows,
  statsFactsSince,
} from '../digest/statsFigures.js';
import { digestLogReply, dmRecipient, statsReply } from '../digest/statsText.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { parseOptionalCohort } from '../grammar/cohortGrammars.js';
import { MAX_STATS_WEEKS, parseStats } from '../grammar/staffGrammars.js';
import { code } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { text } from './args.js';
import { ADVISORS, COORDINATORS, defineCommand } from './define.js';

/** How many entries `digest log` shows. */
export const DIGEST_LOG_LIMIT = 20;

const STATS_USAGE = 'stats [weeks] [cohort]';
const REPORT_USAGE = 'report [cohort]';

/** Narrows a command to one cohort (an advisor's own, or any of a coordinator's). */
export const COHORT_OPTION = {
  name: 'cohort',
  type: 'string',
  description: 'Only this cohort (its number or name)',
} as const;

const logCommand = defineCommand({
  name: 'digest log',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Every digest, stats and report sent: when, to whom, with how many students',
  usage: 'digest log',
  examples: ['digest log'],
  options: [],
  parse: parseNothing,
  uses: ['digest', 'persons'],
  async run(ctx) {
    const entries = await ctx.repos.digest.listLog(ctx.org.id, DIGEST_LOG_LIMIT);
    const names = new Map((await ctx.repos.persons.listByOrg(ctx.org.id)).map((p) => [p.id, p.displayName]));
    return ok(digestLogReply(entries, names, ctx.actor.timezone));
  },
});

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

const statsCommand = defineCommand({
  name: 'stats',
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'Funnel figures over the last weeks (4 unless you say), for everyone or one cohort',
  usage: STATS_USAGE,
  examples: ['stats', 'stats 12', 'stats 12 #2'],
  options: [
    {
      name: 'weeks',
      type: 'integer',
      description: 'How many weeks back (1 to 52)',
      minValue: 1,
      maxValue: MAX_STATS_WEEKS,
    },
    COHORT_OPTION,
  ],
  parse: parseStats,
  uses: ['cohorts', 'digest', 'outcomes'],
  async run(ctx, args) {
    const weeks = weeksOf(args);
    if (!weeks.ok) return weeks;
    const { repos, org, now } = ctx;
    const scope = await scopeFor(ctx, text(args, 'cohort'), STATS_USAGE);
    if (!scope.ok) return scope;
    const facts = await repos.digest.facts(org.id, statsFactsSince(now, org.timezone, weeks.value), now);
    const stats = computeStats(scopeFacts(facts, scope.value), now, org.timezone, weeks.value);
    await repos.digest.record({
      orgId: org.id,
      kind: 'stats',
      recipient: dmRecipient([ctx.person.id]),
      requestedById: ctx.person.id,
      studentIds: stats.studentIds,
      sentAt: now,
    });
    const reply = statsReply(stats, scopedTitle(org.name, scope.value), org.timezone);
    reply.blocks.push(await outcomesSince(ctx, scope.value, statsFactsSince(now, org.timezone, weeks.value)));
    return ok(reply);
  },
});

const reportCommand = defineCommand({
  name: 'report',
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'A CSV file with one row per student: contacts by stage, meetings, thank-yous',
  usage: REPORT_USAGE,
  examples: ['report', 'report 2'],
  details: ["No note text and no contact's details: counts per student only."],
  options: [COHORT_OPTION],
  parse: parseOptionalCohort,
  uses: ['cohorts', 'digest'],
  async run(ctx, args) {
    const { repos, org, now } = ctx;
    const scope = await scopeFor(ctx, text(args, 'cohort'), REPORT_USAGE);
    if (!scope.ok) return scope;
    const rows = reportRows(scopeFacts(await repos.digest.facts(org.id, new Date(0), now), scope.value));
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
});

/** The figures asked for on the spot, in help order. */
export const FIGURE_COMMANDS: readonly Command[] = [logCommand, statsCommand, reportCommand];
