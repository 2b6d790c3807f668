/**
 * Cohorts, the groups a program runs on: `cohort create`, `cohort list`, `cohort show`,
 * `cohort code`, and the student's `join <code>`. Adding people, advisors and the welcome are in
 * cohortPeopleCommands.ts.
 */

import type { CohortSummary } from '../cohorts/cohortPorts.js';
import {
  COHORT_OPTION,
  checkCohortName,
  findCohort,
  JOIN_CODE_DAYS,
  JOIN_CODE_MS,
  normalizeJoinCode,
  showJoinCode,
  visibleCohorts,
} from '../cohorts/cohortRefs.js';
import type { Command } from '../command.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { parseJoin, parseWhole } from '../grammar/cohortGrammars.js';
import { code, type Line, strong, user } from '../reply.js';
import { fail, ok } from '../result.js';
import { formatDate } from '../views/format.js';
import { text } from './args.js';
import { ADVISORS, COORDINATORS, defineCommand, EVERYONE } from './define.js';
import { newCode } from './secretCodes.js';

const CREATE_USAGE = 'cohort create <name>';
const SHOW_USAGE = 'cohort show <cohort>';
const CODE_USAGE = 'cohort code <cohort>';
const JOIN_USAGE = 'join <code>';
/** More names than this in `cohort show` end with "and N more". */
const SHOWN_MEMBERS = 100;
const HOUR_MS = 60 * 60 * 1000;

const cohortCreateCommand = defineCommand({
  name: 'cohort create',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Start a cohort: a class, a track or a workshop series',
  usage: CREATE_USAGE,
  examples: ['cohort create "Class of 2027 Engineering"'],
  details: ['A student may be in several cohorts. Names are plain text, at most 80 characters.'],
  options: [{ name: 'name', type: 'string', description: 'The cohort name', required: true, maxLength: 80 }],
  parse: parseWhole('name', 'Give the cohort a name, like "Class of 2027 Engineering".'),
  uses: ['cohorts'],
  async run(ctx, args) {
    const checked = checkCohortName(text(args, 'name') ?? '', CREATE_USAGE);
    if (!checked.ok) return checked;
    const cohort = await ctx.repos.cohorts.create(ctx.org.id, checked.value.name, checked.value.key);
    if (!cohort) {
      return fail('conflict', 'Your organization already has a cohort of that name.', {
        usage: CREATE_USAGE,
        detail: [['You typed: ', user(checked.value.name)]],
      });
    }
    const ref = String(cohort.number);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            ['Created cohort ', strong(`#${cohort.number}`), ' ', user(cohort.name), '.'],
            [
              'Add students with ',
              code(`cohort add ${ref} @ana @ben`),
              ', or let them join with a code: ',
              code(`cohort code ${ref}`),
              '.',
            ],
            ['Name its advisor with ', code(`cohort advisor ${ref} @dana`), '.'],
          ],
        },
      ],
    });
  },
});

function cohortLine(c: CohortSummary): Line {
  return [
    strong(`#${c.number}`),
    ' ',
    user(c.name),
    ` · ${c.members} ${c.members === 1 ? 'member' : 'members'}`,
    ...(c.advisorName ? [' · advisor ', user(c.advisorName)] : []),
  ];
}

const cohortListCommand = defineCommand({
  name: 'cohort list',
  aliases: ['cohorts'],
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'The cohorts of your organization (an advisor sees their own)',
  usage: 'cohort list',
  examples: ['cohort list'],
  options: [],
  parse: parseNothing,
  uses: ['cohorts'],
  async run(ctx) {
    const cohorts = await visibleCohorts(ctx);
    if (cohorts.length === 0) {
      const none: Line =
        ctx.actor.role === 'coordinator'
          ? ['No cohorts yet. Start one with ', code(CREATE_USAGE), '.']
          : ['You advise no cohort yet. A coordinator names advisors with ', code('cohort advisor'), '.'];
      return ok({ blocks: [{ type: 'text', lines: [none] }] });
    }
    return ok({ blocks: [{ type: 'list', title: 'Cohorts', items: cohorts.map(cohortLine) }] });
  },
});

const cohortShowCommand = defineCommand({
  name: 'cohort show',
  roles: ADVISORS,
  audience: 'coordinator',
  summary: 'A cohort: its advisor, its join code and its members',
  usage: SHOW_USAGE,
  examples: ['cohort show 1', 'cohort show engineering'],
  options: [COHORT_OPTION],
  parse: parseWhole('cohort', 'Which cohort? Give its number or name.'),
  uses: ['cohorts'],
  async run(ctx, args) {
    const found = await findCohort(ctx, text(args, 'cohort') ?? '', SHOW_USAGE);
    if (!found.ok) return found;
    const cohort = found.value;
    const members = await ctx.repos.cohorts.members(ctx.org.id, cohort.id);
    const zone = ctx.actor.timezone;
    const codeLine: Line =
      cohort.joinCode && cohort.joinCodeExpiresAt && cohort.joinCodeExpiresAt > ctx.now
        ? [
            'Join code ',
            strong(showJoinCode(cohort.joinCode)),
            `, good until ${formatDate(cohort.joinCodeExpiresAt, zone)}.`,
          ]
        : ['No join code in use; ', code(`cohort code ${cohort.number}`), ' makes one.'];
    const items: Line[] = members
      .slice(0, SHOWN_MEMBERS)
      .map((p) => [user(p.displayName), p.lastPlatform === null ? ' (has not used Rapport yet)' : '']);
    if (members.length > SHOWN_MEMBERS) items.push([`and ${members.length - SHOWN_MEMBERS} more`]);
    return ok({
      blocks: [
        { type: 'text', lines: [cohortLine(cohort), codeLine] },
        members.length
          ? { type: 'list', title: 'Members', items }
          : { type: 'text', lines: [['No members yet.']] },
      ],
    });
  },
});

const cohortCodeCommand = defineCommand({
  name: 'cohort code',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'A code students type to join a cohort themselves',
  usage: CODE_USAGE,
  examples: ['cohort code 1'],
  details: [
    `A code works for ${JOIN_CODE_DAYS} days. Asking again gives the same code for another ${JOIN_CODE_DAYS} days; after it has expired you get a new one.`,
  ],
  options: [COHORT_OPTION],
  parse: parseWhole('cohort', 'Which cohort? Give its number or name.'),
  uses: ['cohorts'],
  async run(ctx, args) {
    const found = await findCohort(ctx, text(args, 'cohort') ?? '', CODE_USAGE);
    if (!found.ok) return found;
    const cohort = found.value;
    const live = cohort.joinCode && cohort.joinCodeExpiresAt && cohort.joinCodeExpiresAt > ctx.now;
    const joinCode = live && cohort.joinCode ? cohort.joinCode : newCode(6);
    const expiresAt = new Date(ctx.now.getTime() + JOIN_CODE_MS);
    await ctx.repos.cohorts.setJoinCode(ctx.org.id, cohort.id, joinCode, expiresAt);
    const shown = showJoinCode(joinCode);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            ['Students join ', user(cohort.name), ' by typing ', code(`join ${shown}`), '.'],
            ['The code ', strong(shown), ` works until ${formatDate(expiresAt, ctx.actor.timezone)}.`],
          ],
        },
      ],
    });
  },
});

const joinCommand = defineCommand({
  name: 'join',
  roles: EVERYONE,
  audience: 'student',
  summary: 'Join a cohort with the code your coordinator shared',
  usage: JOIN_USAGE,
  examples: ['join K7Q-2MX'],
  options: [{ name: 'code', type: 'string', description: 'The code, like K7Q-2MX', required: true }],
  // Codes live for two weeks: ten wrong tries an hour leave a guesser no real chance.
  tries: {
    limit: { purpose: 'cohort', maxWrong: 10, windowMs: HOUR_MS },
    counts: (args) => String(args.code ?? '').trim() !== '',
  },
  parse: parseJoin,
  uses: ['cohorts'],
  async run(ctx, args) {
    const typed = normalizeJoinCode(text(args, 'code') ?? '');
    const wrong = fail(
      'expired',
      'That code is unknown or has expired. Ask your coordinator for the current one.',
      {
        usage: JOIN_USAGE,
      },
    );
    if (typed === '') return wrong;
    const cohort = await ctx.repos.cohorts.findByJoinCode(ctx.org.id, typed);
    if (!cohort?.joinCodeExpiresAt || cohort.joinCodeExpiresAt <= ctx.now) return wrong;
    if (ctx.person.role !== 'student') {
      return fail('invalid_value', `Cohorts are for students; your role here is ${ctx.person.role}.`, {
        usage: JOIN_USAGE,
      });
    }
    const added = await ctx.repos.cohorts.addMember(ctx.org.id, cohort.id, ctx.person.id);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            added ? ['Welcome to ', user(cohort.name), '!'] : ['You are already in ', user(cohort.name), '.'],
            [
              'Start your list with ',
              code('add <name> at <organization>'),
              '; ',
              code('help'),
              ' shows everything else.',
            ],
          ],
        },
      ],
    });
  },
});

export const COHORT_COMMANDS: readonly Command[] = [
  cohortCreateCommand,
  cohortListCommand,
  cohortShowCommand,
  cohortCodeCommand,
];
export { joinCommand };
