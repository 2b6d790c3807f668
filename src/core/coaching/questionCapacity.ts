/**
 * How many questions fit in a conversation: about one for every five minutes, since each good
 * answer leads somewhere and takes time.
 */

/** Minutes of conversation one question takes, on average. */
export const MINUTES_PER_QUESTION = 5;

/** About how many questions a meeting of `minutes` can hold (at least one). */
export function questionCapacity(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 1;
  return Math.max(1, Math.floor(minutes / MINUTES_PER_QUESTION));
}

/**
 * A friendly warning when `count` prepared questions are more than a `minutes`-long meeting can
 * hold; null when they fit.
 */
export function questionsWarning(count: number, minutes: number): string | null {
  const capacity = questionCapacity(minutes);
  if (count <= capacity) return null;
  const questions = count === 1 ? '1 question' : `${count} questions`;
  const room = capacity === 1 ? 'about 1' : `about ${capacity}`;
  return (
    `You have ${questions} for a ${minutes}-minute conversation, which leaves room for ${room}. ` +
    'Put the ones you care about most at the top; the rest can wait for a later chat.'
  );
}
