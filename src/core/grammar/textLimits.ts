/**
 * What any text a person types must satisfy before we read it: no control or invisible formatting
 * characters, and no field longer than MAX_TEXT_LENGTH.
 */
import { MAX_TEXT_LENGTH } from '../domain.js';
import { fail, ok, type Result } from '../result.js';

/**
 * Characters we refuse anywhere: C0 controls except tab, line feed and carriage return; DEL and the
 * C1 controls; zero-width space, word joiner and the invisible operators; bidirectional
 * embeddings, overrides and isolates (U+202E can make a name read backwards); line and paragraph
 * separators; the byte-order mark; and lone UTF-16 surrogates. Zero-width joiner and non-joiner
 * (U+200C, U+200D) stay allowed: emoji sequences and several scripts need them.
 */
const FORBIDDEN_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text holds a character we refuse (see FORBIDDEN_CHARS). */
export function hasForbiddenChars(text: string): boolean {
  return FORBIDDEN_CHARS.test(text);
}

/** Length in characters (code points), the way a person counts them and PostgreSQL's `char_length` does. */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Fails with 'control_chars' when the text holds a character we refuse. */
export function checkChars(text: string): Result<string> {
  if (hasForbiddenChars(text)) {
    return fail(
      'control_chars',
      'Your message has invisible or control characters in it; please retype it as plain text.',
    );
  }
  return ok(text);
}

/** Fails with 'too_long' when one field is over MAX_TEXT_LENGTH characters. */
export function checkLength(text: string): Result<string> {
  if (charLength(text) > MAX_TEXT_LENGTH) {
    return fail(
      'too_long',
      `That is longer than I can keep in one field: please stay under ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters.`,
    );
  }
  return ok(text);
}

/** Checks every string value of a set of parsed fields against MAX_TEXT_LENGTH. */
export function checkFieldLengths<T extends Record<string, string | number | undefined>>(
  fields: T,
): Result<T> {
  for (const value of Object.values(fields)) {
    if (typeof value === 'string') {
      const checked = checkLength(value);
      if (!checked.ok) return checked;
    }
  }
  return ok(fields);
}
