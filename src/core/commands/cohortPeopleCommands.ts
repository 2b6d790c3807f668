/**
 * Who is in a cohort and who advises it: `cohort add` (up to 50 people at once, each reported),
 * `cohort remove` and `cohort advisor`. People named by a mention or a user id may never have used
 * Rapport: they are set up in the organization and find their cohort at their first command.
 */

import type { CohortSummary } from '../cohorts/cohortPorts.js';
import { COHORT_OPTION, findCohort, findCohortThen } from '../cohorts/cohortRefs.js';
import type { Command, CommandContext, RawArgs } from '../command.js';
import { parseCohortThen, parseWhole } from '../grammar/cohortGrammars.js';
import { tokenize } from '../grammar/tokenize.js';
import type { Person } from '../people/peoplePorts.js';
import { code, type Line, user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import { text } from './args.js';
import { COORDINATORS, defineCommand } from './define.js';
import { findPersonInOrg, type PersonRefRepos } from './personRef.js';

const ADD_USAGE = 'cohort add <cohort> <people...>';
const REMOVE_USAGE = 'cohort remove <cohort> <person>';
const ADVISOR_USAGE = 'cohort advisor <cohort> <person>';
export const MAX_PEOPLE_PER_ADD = 50;

function findMember(
  ctx: CommandContext<PersonRefRepos>,
  raw: string,
  usage: string,
): Promise<Result<Person>> {
  return findPersonInOrg(ctx, raw, {
    noun: 'person',
    emptyHint: 'Tell me who, like @ana.',
    usage,
    admit: true,
  });
}

/**
 * The cohort named in `args` and what follows it (`key`: the people or the person), a cohort name
 * of several words typed without quotes included; or the cohort's one sentence.
 */
async function cohortAndRest(
  ctx: CommandContext<'cohorts'>,
  args: Record<string, unknown>,
  key: string,
  usage: string,
): Promise<Result<{ cohort: CohortSummary; rest: string }>> {
  const found = await findCohortThen(
    ctx,
    String(args.cohort ?? '').trim(),
    text(args as RawArgs, key) ?? '',
    usage,
  );
  return found.ok ? ok({ cohort: found.value.cohort, rest: found.value.following }) : found;
}

/** The cohort named in `args`, or its one sentence. */
function cohortOf(
  ctx: CommandContext<'cohorts'>,
  args: Record<string, unknown>,
  usage: string,
): Promise<Result<CohortSummary>> {
  return findCohort(ctx, String(args.cohort ?? '').trim(), usage);
}

/** Why someone cannot be a member, or undefined when they can. */
function notAStudent(person: Person): string | undefined {
  return person.role === 'student'
    ? undefined
    : `is ${person.role === 'advisor' ? 'an' : 'a'} ${person.role}, not a student`;
}

const cohortAddCommand = defineCommand({
  name: 'cohort add',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Add students to a cohort, also people who have not used Rapport yet',
  usage: ADD_USAGE,
  examples: ['cohort add 1 @ana @ben @chloe'],
  details: [`Up to ${MAX_PEOPLE_PER_ADD} people at once; mention them (@name) or give their user ids.`],
  options: [
    COHORT_OPTION,
    { name: 'people', type: 'string', description: 'Mentions of the people to add', required: true },
  ],
  parse: parseCohortThen('people', 'Tell me the cohort, then the people, like cohort add 1 @ana @ben.'),
  uses: ['cohorts', 'directory', 'persons'],
  async run(ctx, args) {
    const found = await cohortAndRest(ctx, args, 'people', ADD_USAGE);
    if (!found.ok) return found;
    const cohort = found.value.cohort;
    const words = tokenize(found.value.rest);
    if (!words.ok) return { ok: false, error: { ...words.error, usage: ADD_USAGE } };
    const refs = [...new Set(words.value.map((t) => t.value))];
    if (refs.length === 0) return fail('usage', 'Tell me who to add, like @ana @ben.', { usage: ADD_USAGE });
    if (refs.length > MAX_PEOPLE_PER_ADD) {
      return fail(
        'too_long',
        `I can add up to ${MAX_PEOPLE_PER_ADD} people at a time; you named ${refs.length}.`,
        {
          usage: ADD_USAGE,
        },
      );
    }
    const report: Line[] = [];
    let added = 0;
    for (const ref of refs) {
      const person = await findMember(ctx, ref, ADD_USAGE);
      if (!person.ok) {
        const why = person.error.kind === 'ambiguous' ? 'several people match; mention them' : 'not found';
        report.push([user(ref), ` — ${why}`]);
        continue;
      }
      const refusal = notAStudent(person.value);
      if (refusal) {
        report.push([user(person.value.displayName), ` — not added: ${refusal}`]);
        continue;
      }
      const isNew = await ctx.repos.cohorts.addMember(ctx.org.id, cohort.id, person.value.id);
      if (isNew) added += 1;
      report.push([user(person.value.displayName), isNew ? ' — added' : ' — already there']);
    }
    return ok({
      blocks: [
        { type: 'text', lines: [[`${added} added to `, user(cohort.name), '.']] },
        { type: 'list', items: report },
      ],
    });
  },
});

const cohortRemoveCommand = defineCommand({
  name: 'cohort remove',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'Take someone out of a cohort (their own list stays theirs)',
  usage: REMOVE_USAGE,
  examples: ['cohort remove 1 @ben'],
  options: [COHORT_OPTION, { name: 'person', type: 'user', description: 'Who', required: true }],
  parse: parseCohortThen('person', 'Tell me the cohort, then the person, like cohort remove 1 @ben.'),
  uses: ['cohorts', 'directory', 'persons'],
  async run(ctx, args) {
    const found = await cohortAndRest(ctx, args, 'person', REMOVE_USAGE);
    if (!found.ok) return found;
    const person = await findPersonInOrg(ctx, found.value.rest, {
      noun: 'person',
      emptyHint: 'Tell me who, like @ben.',
      usage: REMOVE_USAGE,
    });
    if (!person.ok) return person;
    const removed = await ctx.repos.cohorts.removeMember(ctx.org.id, found.value.cohort.id, person.value.id);
    if (!removed) {
      return fail('not_found', 'They are not in that cohort; nothing changed.', {
        usage: REMOVE_USAGE,
        detail: [[user(person.value.displayName), ' · ', user(found.value.cohort.name)]],
      });
    }
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [[user(person.value.displayName), ' is no longer in ', user(found.value.cohort.name), '.']],
        },
      ],
    });
  },
});

const cohortAdvisorCommand = defineCommand({
  name: 'cohort advisor',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: "Name a cohort's advisor: they see its digest, stats and stalled students",
  usage: ADVISOR_USAGE,
  examples: ['cohort advisor 1 @dana'],
  details: [
    'A student or mentor named here becomes an advisor. One advisor per cohort; naming another replaces them.',
  ],
  options: [COHORT_OPTION, { name: 'person', type: 'user', description: 'The advisor', required: true }],
  parse: parseCohortThen('person', 'Tell me the cohort, then the advisor, like cohort advisor 1 @dana.'),
  uses: ['cohorts', 'directory', 'persons'],
  async run(ctx, args) {
    const found = await cohortAndRest(ctx, args, 'person', ADVISOR_USAGE);
    if (!found.ok) return found;
    const person = await findMember(ctx, found.value.rest, ADVISOR_USAGE);
    if (!person.ok) return person;
    const advisor = person.value;
    if (advisor.role !== 'coordinator' && advisor.role !== 'advisor') {
      await ctx.repos.persons.update(ctx.org.id, advisor.id, { role: 'advisor' });
    }
    await ctx.repos.cohorts.setAdvisor(ctx.org.id, found.value.cohort.id, advisor.id);
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [user(advisor.displayName), ' now advises ', user(found.value.cohort.name), '.'],
            [
              'They get its weekly digest and can use ',
              code('digest preview'),
              ', ',
              code('stats'),
              ' and ',
              code('report'),
              ' for it.',
            ],
          ],
        },
      ],
    });
  },
});

const WELCOME_USAGE = 'cohort welcome <cohort>';

const cohortWelcomeCommand = defineCommand({
  name: 'cohort welcome',
  roles: COORDINATORS,
  audience: 'coordinator',
  summary: 'One welcome message to each member who has not had one: what Rapport is and the first steps',
  usage: WELCOME_USAGE,
  examples: ['cohort welcome 1'],
  details: ['Messages go out paced, like every reminder; nobody is ever welcomed twice.'],
  options: [COHORT_OPTION],
  parse: parseWhole('cohort', 'Which cohort? Give its number or name.'),
  uses: ['cohorts', 'nudges', 'persons'],
  async run(ctx, args) {
    const found = await cohortOf(ctx, args, WELCOME_USAGE);
    if (!found.ok) return found;
    const cohort = found.value;
    const members = await ctx.repos.cohorts.members(ctx.org.id, cohort.id);
    const fresh = members.filter((p) => p.welcomedAt === null);
    // The outbox delivers them; the key per person makes a second welcome impossible.
    await ctx.repos.nudges.enqueue(
      ctx.org.id,
      fresh.map((p) => ({
        kind: 'welcome' as const,
        dedupeKey: `welcome:${p.id}`,
        personId: p.id,
        contactId: null,
        expectedStage: null,
        dueAt: ctx.now,
        payload: { cohortName: cohort.name },
      })),
    );
    for (const p of fresh) await ctx.repos.persons.update(ctx.org.id, p.id, { welcomedAt: ctx.now });
    const already = members.length - fresh.length;
    return ok({
      blocks: [
        {
          type: 'text',
          lines: [
            [
              `${fresh.length} welcome ${fresh.length === 1 ? 'message' : 'messages'} queued for `,
              user(cohort.name),
              '.',
            ],
            ...(already ? [[`${already} ${already === 1 ? 'member' : 'members'} had one already.`]] : []),
          ],
        },
      ],
    });
  },
});

export const COHORT_PEOPLE_COMMANDS: readonly Command[] = [
  cohortAddCommand,
  cohortRemoveCommand,
  cohortAdvisorCommand,
  cohortWelcomeCommand,
];
