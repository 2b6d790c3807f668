/**
 * How many questions to prepare: one rule everywhere. A 20 to 30 minute conversation holds 3 to
 * 5 good open questions (each answer leads somewhere); an hour holds a few more.
 */

/** A number of questions to prepare, from fewest to most. */
export interface QuestionRange {
  min: number;
  max: number;
}

/** Up to `upTo` minutes of conversation, prepare this many questions. */
const RANGES: readonly { upTo: number; range: QuestionRange }[] = [
  { upTo: 15, range: { min: 2, max: 3 } },
  { upTo: 30, range: { min: 3, max: 5 } },
  { upTo: 45, range: { min: 4, max: 6 } },
  { upTo: 60, range: { min: 5, max: 7 } },
];
const LONGEST: QuestionRange = { min: 6, max: 8 };

/** How many questions to prepare for a meeting of `minutes` (30 when unknown). */
export function questionRange(minutes: number): QuestionRange {
  const length = Number.isFinite(minutes) && minutes > 0 ? minutes : 30;
  return RANGES.find((entry) => length <= entry.upTo)?.range ?? LONGEST;
}

/** "3 to 5 questions". */
export function questionRangeText(minutes: number): string {
  const { min, max } = questionRange(minutes);
  return `${min} to ${max} questions`;
}

/** The most questions a meeting of `minutes` holds: the top of its range. */
export function questionCapacity(minutes: number): number {
  return questionRange(minutes).max;
}

/**
 * A friendly warning when `count` prepared questions are more than a `minutes`-long meeting can
 * hold; null when they fit.
 */
export function questionsWarning(count: number, minutes: number): string | null {
  const capacity = questionCapacity(minutes);
  if (count <= capacity) return null;
  const questions = count === 1 ? '1 question' : `${count} questions`;
  return (
    `You have ${questions} for a ${minutes}-minute conversation, which holds ${questionRangeText(minutes)}. ` +
    'Put the ones you care about most at the top; the rest can wait for a later chat.'
  );
}
