/**
 * Naming a cohort (`#2`, `2`, its name or a part of it that fits one cohort), checking a new
 * cohort's name, and join codes: short, in letters and digits that cannot be mistaken for each
 * other, shown with a dash (K7Q-2MX).
 */
import type { CommandContext } from '../command.js';
import { foldName } from '../grammar/contactRef.js';
import { user } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import type { Cohort, CohortSummary } from './cohortPorts.js';

export const MAX_COHORT_NAME = 80;

/** The option that names a cohort, as every cohort command takes it. */
export const COHORT_OPTION = {
  name: 'cohort',
  type: 'string',
  description: 'The cohort: its number or name',
  required: true,
} as const;
/** Characters that are markup on Slack or Discord: a cohort's name is plain text. */
const MARKUP = /[<>*_~`|]|\]\(/;
const NUMBER_REF = /^#?(\d{1,6})$/;
/** How long a join code works unless `cohort code` renews it. */
export const JOIN_CODE_DAYS = 14;
export const JOIN_CODE_MS = JOIN_CODE_DAYS * 24 * 60 * 60 * 1000;

/** A new cohort's name, trimmed, or the one sentence that says what is wrong with it. */
export function checkCohortName(raw: string, usage: string): Result<{ name: string; key: string }> {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '')
    return fail('usage', 'Give the cohort a name, like "Class of 2027 Engineering".', { usage });
  if (name.length > MAX_COHORT_NAME) {
    return fail(
      'too_long',
      `A cohort name is at most ${MAX_COHORT_NAME} characters; that one has ${name.length}.`,
      {
        usage,
      },
    );
  }
  if (MARKUP.test(name)) {
    return fail('invalid_value', 'A cohort name is plain text: leave out < > * _ ~ ` and |.', {
      usage,
      detail: [['You typed: ', user(name)]],
    });
  }
  if (NUMBER_REF.test(name))
    return fail('invalid_value', 'A cohort name needs a letter or two, not just a number.', { usage });
  return ok({ name, key: foldName(name) });
}

/**
 * The one cohort `raw` names among `cohorts` (the organization's, or an advisor's own): a number,
 * the exact name, or a part of the name that fits only one.
 */
export function matchCohort<C extends Cohort>(cohorts: readonly C[], raw: string, usage: string): Result<C> {
  const notFound = fail('not_found', "I couldn't find that cohort. Type cohort list to see them.", {
    usage,
    detail: [['You typed: ', user(raw)]],
  });
  const number = NUMBER_REF.exec(raw.trim())?.[1];
  if (number) {
    const found = cohorts.find((c) => c.number === Number(number));
    return found ? ok(found) : notFound;
  }
  const wanted = foldName(raw);
  if (wanted === '') return notFound;
  const exact = cohorts.find((c) => foldName(c.name) === wanted);
  if (exact) return ok(exact);
  const close = cohorts.filter((c) => foldName(c.name).includes(wanted));
  if (close.length === 1 && close[0]) return ok(close[0]);
  if (close.length === 0) return notFound;
  return fail('ambiguous', 'Several cohorts match that; give its number.', {
    usage,
    detail: close.slice(0, 8).map((c) => [`• #${c.number} `, user(c.name)]),
  });
}

/**
 * The cohorts the actor may name: all of the organization's for a coordinator, their own for an
 * advisor (an advisor is never told that another cohort exists).
 */
export async function visibleCohorts(ctx: CommandContext<'cohorts'>): Promise<CohortSummary[]> {
  const all = await ctx.repos.cohorts.list(ctx.org.id);
  return ctx.actor.role === 'coordinator' ? all : all.filter((c) => c.advisorId === ctx.person.id);
}

export async function findCohort(
  ctx: CommandContext<'cohorts'>,
  raw: string,
  usage: string,
): Promise<Result<CohortSummary>> {
  return matchCohort(await visibleCohorts(ctx), raw, usage);
}

/**
 * The cohort of `cohort add Fall 2026 Engineering @ana`: the grammar reads one word for the cohort,
 * so a name of several words typed without quotes spills into what follows. The longest run of
 * the following words that completes a cohort's exact name joins it (one word at least is left to
 * follow); otherwise the cohort is the word alone, as `matchCohort` reads it.
 */
export async function findCohortThen(
  ctx: CommandContext<'cohorts'>,
  raw: string,
  following: string,
  usage: string,
): Promise<Result<{ cohort: CohortSummary; following: string }>> {
  const cohorts = await visibleCohorts(ctx);
  const words = following.split(/\s+/).filter((w) => w !== '');
  for (let k = words.length - 1; k > 0; k -= 1) {
    const name = foldName([raw, ...words.slice(0, k)].join(' '));
    const exact = cohorts.find((c) => foldName(c.name) === name);
    if (exact) return ok({ cohort: exact, following: words.slice(k).join(' ') });
  }
  const found = matchCohort(cohorts, raw, usage);
  return found.ok ? ok({ cohort: found.value, following }) : found;
}

/** K7Q2MX as people read it: K7Q-2MX. */
export const showJoinCode = (code: string): string => `${code.slice(0, 3)}-${code.slice(3)}`;

/** What a person typed as a code, as stored: capitals, no dash or space. */
export const normalizeJoinCode = (typed: string): string => typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
