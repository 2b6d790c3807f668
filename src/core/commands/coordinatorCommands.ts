/**
 * The coordinator's commands: roles, and attaching a second space (a Discord server beside the
 * Slack workspace) with a one-time code; the digest's commands come from digestCommands.ts, the
 * nudge timing's from nudgeSettingsCommands.ts, and `COORDINATOR_COMMANDS` lists them all.
 */
import type { Command, CommandContext, RawArgs } from '../command.js';
import { ROLES, type Role } from '../domain.js';
import { parseNothing } from '../grammar/accountGrammars.js';
import { finish, textOf, usage as usageError } from '../grammar/rawArgs.js';
import { parseRole } from '../grammar/staffGrammars.js';
import { tokenize } from '../grammar/tokenize.js';
import type { Person } from '../people/peoplePorts.js';
import { code, type Line, strong, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { text } from './args.js';
import { COORDINATORS, defineCommand } from './define.js';
import { DIGEST_COMMANDS } from './digestCommands.js';
import { NUDGE_SETTINGS_COMMANDS } from './nudgeSettingsCommands.js';
import { findPersonInOrg, type PersonRefRepos } from './personRef.js';
import { codeTries, hashCode, issueCode } from './secretCodes.js';

/** What the coordinator commands need from the edge: the digest's chart renderer, if any. */

const SPACE_CODE_PURPOSE = 'space';

const ROLE_USAGE = 'role <person> <student|mentor|advisor|coordinator>';
const JOIN_USAGE = 'space join <code>';

function findPerson(ctx: CommandContext<PersonRefRepos>, raw: string): Promise<Result<Person>> {
  return findPersonInOrg(ctx, raw, {
    noun: 'person',
    emptyHint: 'Tell me who, like @sam.',
    usage: ROLE_USAGE,
    admit: true,
  });
}

const ROLE_WORDS: Record<Role, string> = {
  student: 'a student',
  mentor: 'a mentor',
  coordinator: 'a coordinator',
  advisor: 'an advisor',
};

const roleCommand = defineCommand({
  name: 'role',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Give someone in your organization the student, mentor, advisor or coordinator role',
  usage: ROLE_USAGE,
  examples: ['role @sam coordinator', 'role @maria mentor'],
  details: [
    'An organization always keeps at least one coordinator.',
    'You can set up people who have not used Rapport yet: mention them (@name) or give their user id.',
  ],
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
  parse: parseRole,
  uses: ['directory', 'organizations', 'persons'],
  async run(ctx, args) {
    const raw = text(args, 'person');
    if (!raw) return fail('usage', 'Tell me who, like @sam.', { usage: ROLE_USAGE });
    const role = text(args, 'role')?.toLowerCase();
    if (!role || !(ROLES as readonly string[]).includes(role)) {
      return fail('invalid_value', 'A role is one of: student, mentor, advisor or coordinator.', {
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
    if (newRole === 'advisor')
      lines.push(['Name the cohorts they advise with ', code('cohort advisor <cohort> <person>'), '.']);
    if (target.lastPlatform === null)
      lines.push(["They haven't used Rapport yet; the role is waiting for them when they do."]);
    return ok({ blocks: [{ type: 'text', lines }] });
  },
});

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

const spaceCodeCommand = defineCommand({
  name: 'space code',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'A one-time code that attaches another workspace or server to your organization',
  usage: 'space code',
  examples: ['space code'],
  details: [
    'Type space code here, then a coordinator of the other Slack workspace or Discord server types space join <code> there within 10 minutes.',
    'That space then belongs to your organization: one digest, one set of roles. Each person can then link their two accounts with link.',
  ],
  options: [],
  parse: parseNothing,
  uses: ['codes'],
  async run(ctx) {
    const secret = await issueCode(ctx, SPACE_CODE_PURPOSE);
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
});

const spaceJoinCommand = defineCommand({
  name: 'space join',
  roles: COORDINATORS,
  audience: 'coordinator',
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
  // A right guess would attach this space, and its coordinator, to someone else's organization.
  tries: codeTries(SPACE_CODE_PURPOSE),
  parse: parseSpaceJoin,
  uses: ['codes', 'directory', 'organizations'],
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
});

/** Every coordinator command, in help order. */
export const COORDINATOR_COMMANDS: readonly Command[] = [
  roleCommand,
  ...DIGEST_COMMANDS,
  ...NUDGE_SETTINGS_COMMANDS,
  spaceCodeCommand,
  spaceJoinCommand,
];
