/**
 * Splits the words of a command into tokens. Double quotes, and the curly quotes phones type,
 * keep a phrase whole: `add "Pat At" at "Bank as a Service"`. A quoted token is never a keyword.
 */
import { MAX_TEXT_LENGTH } from '../domain.js';
import { fail, ok, type Result } from '../result.js';
import { charLength, checkChars, checkLength } from './textLimits.js';

/** One word or quoted phrase of a command. */
export interface Token {
  /** The word, or the phrase inside the quotes (trimmed). */
  value: string;
  /** True when the person wrapped it in quotes: then it is never a keyword, a link or a mode. */
  quoted: boolean;
  /** Offset of the token's first character (the opening quote, if any) in the tokenized text. */
  start: number;
  /** Offset just past the token's last character (the closing quote, if any). */
  end: number;
}

/** Quotes that open a phrase: straight, curly left and right (phones mix them up), German low. */
const OPENING_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E']);
/** Quotes that close a phrase. */
const CLOSING_QUOTES = new Set(['"', '\u201C', '\u201D']);

/**
 * A whole command text may hold several fields; past this we stop reading at once instead of
 * scanning megabytes of pasted text.
 */
const MAX_INPUT_LENGTH = MAX_TEXT_LENGTH * 2;

const isSpace = (char: string): boolean => /\s/u.test(char);

/** Checks characters and overall size before any tokenizing. */
function checkInput(text: string): Result<string> {
  const chars = checkChars(text);
  if (!chars.ok) return chars;
  if (charLength(text) > MAX_INPUT_LENGTH) return checkLength(text);
  return ok(text);
}

/** Reads one token starting at `from` (which must not be whitespace). */
function readToken(text: string, from: number): Result<Token> {
  const first = text[from] ?? '';
  if (OPENING_QUOTES.has(first)) {
    let index = from + 1;
    while (index < text.length && !CLOSING_QUOTES.has(text[index] ?? '')) {
      if (text[index] === '\n' || text[index] === '\r') {
        return fail('usage', 'A quoted phrase has to close on the same line it opens.');
      }
      index += 1;
    }
    if (index >= text.length) {
      return fail('usage', 'A quoted phrase is missing its closing quote.');
    }
    const value = text.slice(from + 1, index).trim();
    const length = checkLength(value);
    if (!length.ok) return length;
    return ok({ value, quoted: true, start: from, end: index + 1 });
  }
  let index = from;
  while (index < text.length && !isSpace(text[index] ?? '')) index += 1;
  const value = text.slice(from, index);
  const length = checkLength(value);
  if (!length.ok) return length;
  return ok({ value, quoted: false, start: from, end: index });
}

const skipSpaces = (text: string, from: number): number => {
  let index = from;
  while (index < text.length && isSpace(text[index] ?? '')) index += 1;
  return index;
};

/**
 * Splits text into tokens at whitespace, keeping quoted phrases whole.
 * Fails with 'usage' on an unterminated quote, 'control_chars' on a refused character and
 * 'too_long' when one token (or the whole text) is too long.
 */
export function tokenize(text: string): Result<Token[]> {
  const checked = checkInput(text);
  if (!checked.ok) return checked;
  const tokens: Token[] = [];
  let index = skipSpaces(text, 0);
  while (index < text.length) {
    const token = readToken(text, index);
    if (!token.ok) return token;
    tokens.push(token.value);
    index = skipSpaces(text, token.value.end);
  }
  return ok(tokens);
}

/**
 * Reads the first token (a word or a quoted phrase) and returns the rest verbatim, as typed:
 * the free text of `met`, `note` and `ask` keeps its spacing and may hold unbalanced quotes.
 * `first` is undefined when the text is blank. A rest that is exactly one quoted phrase loses its
 * quotes.
 */
export function splitFirst(text: string): Result<{ first: Token | undefined; rest: string }> {
  const checked = checkInput(text);
  if (!checked.ok) return checked;
  const start = skipSpaces(text, 0);
  if (start >= text.length) return ok({ first: undefined, rest: '' });
  const first = readToken(text, start);
  if (!first.ok) return first;
  let rest = text.slice(first.value.end).trim();
  const whole = unquoteWhole(rest);
  if (whole !== undefined) rest = whole;
  const length = checkLength(rest);
  if (!length.ok) return length;
  return ok({ first: first.value, rest });
}

/** The inside of `text` when it is exactly one quoted phrase, else undefined. */
function unquoteWhole(text: string): string | undefined {
  if (text.length < 2 || !OPENING_QUOTES.has(text[0] ?? '')) return undefined;
  const token = readToken(text, 0);
  if (!token.ok || token.value.end !== text.length) return undefined;
  return token.value.value;
}

/** The values of tokens joined by single spaces (quotes are gone, as are runs of whitespace). */
export function joinTokens(tokens: readonly Token[]): string {
  return tokens.map((token) => token.value).join(' ');
}
