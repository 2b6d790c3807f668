/**
 * Small points of wording in drafts: "Dear Dr. Chen," for a titled name, and "as a consultant at
 * Deloitte" rather than "as Consultant at Deloitte".
 */
import { type Line, user } from '../reply.js';

/** Titles people put before a name; with one, the greeting uses the title and the last name. */
const TITLE = /^(dr|prof|professor|mr|mrs|ms|mx|rev|sir|dame)\.?$/iu;

/** "Dear Dr. Chen," for "Dr. Amy Chen"; "Dear Jane Doe," otherwise. */
export function salutation(name: string): Line {
  const words = name.trim().split(/\s+/u);
  const [first] = words;
  const last = words.at(-1);
  if (first && last && words.length >= 3 && TITLE.test(first)) {
    return ['Dear ', user(`${first} ${last}`), ','];
  }
  return ['Dear ', user(name.trim()), ','];
}

/** A word in capitals only, or with capitals inside ("UX", "VP", "iOS"), is kept as typed. */
const KEEP_CASE = /^(?:[^a-z]*[A-Z][^a-z]*[A-Z]|[a-z]+[A-Z])/u;
/** Letters whose names start with a vowel sound, for "an MBA", "an SVP". */
const VOWEL_SOUND_LETTERS = /^[AEFHILMNORSX]/u;

/**
 * "a consultant", "an engineer", "a UX researcher", "an SVP": the title in lower case (acronyms
 * kept) with its article, as user text.
 */
export function titleWithArticle(title: string): Line {
  const words = title.trim().split(/\s+/u);
  const lowered = words.map((word) => (KEEP_CASE.test(word) ? word : word.toLowerCase())).join(' ');
  const firstWord = words[0] ?? '';
  const acronym = KEEP_CASE.test(firstWord) && firstWord === firstWord.toUpperCase();
  const vowel = acronym
    ? VOWEL_SOUND_LETTERS.test(firstWord)
    : /^[aeiou]/iu.test(lowered) && !/^(?:uni|use|eu|one)/iu.test(lowered);
  return [vowel ? 'an ' : 'a ', user(lowered)];
}
