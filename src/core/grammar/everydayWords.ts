/**
 * What people type before they know the commands: a greeting or a plea for help ("hi", "?",
 * "commands") means the short help; "delete", "undo" and "edit" name things Rapport does with
 * other commands, so the answer points to those.
 */
import { code, type Line } from '../reply.js';

/** Words (and punctuation) that ask for the short help. */
const HELP_WORDS = new Set([
  'hi',
  'hello',
  'hey',
  'hiya',
  'yo',
  'howdy',
  'hola',
  'bonjour',
  'start',
  'menu',
  'commands',
  'command',
  '?',
  '??',
  'help?',
  'what',
  'how',
]);

/** The text without trailing punctuation, lowercased: "Hello!" -> "hello". */
const bare = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/(?<=\w)[!.,]+$/u, '');

/** True when the text is a greeting or asks for help without naming a command ("hi there", "?"). */
export function asksForHelp(text: string): boolean {
  const trimmed = text.trim();
  if (/^\?+$/u.test(trimmed)) return true;
  const words = bare(trimmed).split(/\s+/u);
  const first = (words[0] ?? '').replace(/[!?.,]+$/u, '');
  return HELP_WORDS.has(first) && words.length <= 5;
}

/** Commands people expect that Rapport does differently, with where to look instead. */
const REDIRECTS: Record<string, Line[]> = {
  delete: [
    ['Rapport keeps your history, so nothing is deleted one contact at a time.'],
    [
      'To put someone away: ',
      code('archive <contact>'),
      '. To correct a stage: ',
      code('move <contact> <stage>'),
      '.',
    ],
    ['To delete everything about you: ', code('forget-me'), '.'],
  ],
  undo: [
    ['There is no undo, but every change can be corrected.'],
    [
      'Put a contact back in the right stage with ',
      code('move <contact> <stage>'),
      ', or archive it with ',
      code('archive <contact>'),
      '.',
    ],
  ],
  edit: [
    [
      'Contacts are not edited in place: add what changed as a note with ',
      code('note <contact> <text>'),
      '.',
    ],
    ['To correct a stage: ', code('move <contact> <stage>'), '.'],
  ],
};
const SYNONYMS: Record<string, string> = {
  remove: 'delete',
  del: 'delete',
  rm: 'delete',
  erase: 'delete',
  revert: 'undo',
  cancel: 'undo',
  change: 'edit',
  update: 'edit',
  rename: 'edit',
  fix: 'edit',
};

/** Lines pointing to the commands that do what `word` asks, or undefined for other words. */
export function redirectFor(word: string): Line[] | undefined {
  const key = bare(word);
  const canonical = Object.hasOwn(SYNONYMS, key) ? SYNONYMS[key] : key;
  return canonical !== undefined && Object.hasOwn(REDIRECTS, canonical) ? REDIRECTS[canonical] : undefined;
}
