/** Turning raw options into checked values, shared by every command. */
import type { CommandContext, RawArgs } from '../command.js';
import { foldName, matchContact, parseContactRef } from '../grammar/contactRef.js';
import { checkChars, checkLength } from '../grammar/textLimits.js';
import { isUuid } from '../ids.js';
import type { Contact } from '../pipeline/contactPorts.js';
import { fail, ok, type Result } from '../result.js';

/** An option as trimmed text, or undefined when absent or blank. */
export function text(args: RawArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

/** Checks typed text: no control characters, not over the length limit. */
export function checkTyped(value: string): Result<string> {
  const chars = checkChars(value);
  if (!chars.ok) return chars;
  return checkLength(value);
}

/** A required option, with the command's usage when it is missing. */
export function required(args: RawArgs, name: string, what: string, usage: string): Result<string> {
  const value = text(args, name);
  if (!value) return fail('usage', `Please tell me ${what}.`, { usage });
  const checked = checkTyped(value);
  return checked.ok ? ok(value) : { ok: false, error: { ...checked.error, usage } };
}

/** An optional option, checked when present. */
export function optional(args: RawArgs, name: string, usage: string): Result<string | undefined> {
  const value = text(args, name);
  if (value === undefined) return ok(undefined);
  const checked = checkTyped(value);
  return checked.ok ? ok(value) : { ok: false, error: { ...checked.error, usage } };
}

/**
 * Finds one of the person's own contacts by `#3`, `3`, a unique name fragment, or the contact's id
 * (buttons and modals). Only the person's own list is searched.
 */
export async function resolveContact(
  ctx: CommandContext<'contacts'>,
  args: RawArgs,
  usage: string,
): Promise<Result<Contact>> {
  const raw = text(args, 'contact');
  if (!raw)
    return fail('usage', 'Which contact? Give their number from your list or part of their name.', { usage });
  if (isUuid(raw)) {
    const found = await ctx.repos.contacts.getById(ctx.person.id, raw);
    return found ? ok(found) : fail('not_found', 'That contact is not on your list any more.', { usage });
  }
  const checked = checkTyped(raw);
  if (!checked.ok) return checked;
  const contacts = await ctx.repos.contacts.listByOwner(ctx.person.id);
  if (!contacts.length) {
    return fail(
      'not_found',
      'Your list is empty so far. Add someone first, for example: add Jane Doe at Figma.',
      { usage },
    );
  }
  const found = matchContact(parseContactRef(raw), contacts);
  return found.ok ? found : { ok: false, error: { ...found.error, usage: found.error.usage ?? usage } };
}

/** Combines several results; the first failure wins. */
export function all<T extends readonly Result<unknown>[]>(
  ...results: T
): Result<{ [K in keyof T]: T[K] extends Result<infer V> ? V : never }> {
  for (const r of results) if (!r.ok) return r as Result<never>;
  return ok(results.map((r) => (r as { value: unknown }).value) as never);
}

const MAX_NAME_WORDS = 4;

/**
 * The text form takes one word (or a quoted phrase) as the contact, so in `met Jane Doe had a
 * great chat` the contact is "Jane" and the text "Doe had a great chat". When the words after
 * the contact continue the name of the contact it matched, they belong to the name: this moves
 * them out of `field` (the free text) so that the text is "had a great chat".
 */
export async function resolveContactWithText(
  ctx: CommandContext<'contacts'>,
  args: RawArgs,
  field: string,
  usage: string,
): Promise<Result<{ contact: Contact; rest: string | undefined }>> {
  const first = await resolveContact(ctx, args, usage);
  const ref = text(args, 'contact');
  const free = text(args, field);
  if (!ref || !free || isUuid(ref) || parseContactRef(ref).kind === 'number') {
    return first.ok ? ok({ contact: first.value, rest: free }) : first;
  }
  const contacts = await ctx.repos.contacts.listByOwner(ctx.person.id);
  const words = free.split(/(\s+)/); // keeps the spacing, so the rest stays as typed
  for (let taken = Math.min(MAX_NAME_WORDS, Math.ceil(words.length / 2)); taken > 0; taken--) {
    const nameWords = words.slice(0, taken * 2 - 1).join('');
    const fragment = `${ref} ${nameWords}`;
    const match = matchContact(parseContactRef(fragment), contacts);
    if (match.ok && isWholeWordsOf(fragment, match.value.name)) {
      const rest = words
        .slice(taken * 2)
        .join('')
        .trim();
      return ok({ contact: match.value, rest: rest || undefined });
    }
  }
  return first.ok ? ok({ contact: first.value, rest: free }) : first;
}

/** "jane doe" is made of whole words of "Jane Doe"; "jane do" is not (as in "Do you like..."). */
function isWholeWordsOf(fragment: string, name: string): boolean {
  const nameWords = new Set(foldName(name).split(/\s+/));
  return foldName(fragment)
    .split(/\s+/)
    .every((word) => nameWords.has(word));
}
