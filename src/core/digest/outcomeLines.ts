/**
 * The outcome lines of the digest and `stats`: how conversations were rated, what they changed,
 * and students' decisions, as counts (never a student's own words, never whose).
 */

import type { FactsScope } from '../cohorts/cohortScope.js';
import type { CommandContext } from '../command.js';
import type { OutcomeCounts } from '../pipeline/outcomePorts.js';
import { DECISIONS, EFFECTS, RATINGS } from '../pipeline/outcomePorts.js';
import type { Block, Line } from '../reply.js';

function summary(label: string, keys: readonly string[], counts: Partial<Record<string, number>>): Line {
  const parts = keys.map((k) => `${counts[k] ?? 0} ${k}`);
  return [`${label}: ${parts.join(', ')}`];
}

export function outcomeBlock(counts: OutcomeCounts, title = 'Outcomes'): Block {
  return {
    type: 'list',
    title,
    items: [
      summary('Conversations rated', RATINGS, counts.ratings),
      summary('What they changed', EFFECTS, counts.effects),
      summary("Students' decisions", DECISIONS, counts.decisions),
    ],
  };
}

/** The block for the scope's students since `since`. */
export async function outcomesSince(
  ctx: CommandContext<'outcomes'>,
  scope: FactsScope,
  since: Date,
): Promise<Block> {
  return outcomeBlock(await ctx.repos.outcomes.counts(ctx.org.id, since, scope.studentIds));
}
