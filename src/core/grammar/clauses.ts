/**
 * Keyword clauses: `add Jane Doe at Figma as UX Researcher` is the head `Jane Doe` followed by
 * the clauses `at Figma` and `as UX Researcher`.
 */
import { fail, ok, type Result } from '../result.js';
import type { Token } from './tokenize.js';

/** Every keyword any command knows. A command passes the few it uses to `splitClauses`. */
export const KEYWORDS = ['at', 'as', 'via', 'on', 'by', 'for', 'in'] as const;
/** One of the clause keywords. */
export type Keyword = (typeof KEYWORDS)[number];

/** A head and the clauses that follow it. */
export interface Clauses<K extends string> {
  /** The tokens before the first keyword. */
  head: Token[];
  /** Each keyword present, with the tokens up to the next keyword. */
  clauses: Partial<Record<K, Token[]>>;
}

/** The keyword a token stands for, if it is an unquoted one of `keywords` (in any letter case). */
export function keywordOf<K extends string>(token: Token, keywords: readonly K[]): K | undefined {
  if (token.quoted) return undefined;
  const word = token.value.toLowerCase();
  return keywords.find((keyword) => keyword === word);
}

/**
 * Splits tokens into a head and keyword clauses. Keywords match case-insensitively and only
 * when unquoted. Fails with 'usage' when a keyword appears twice or has nothing after it.
 */
export function splitClauses<K extends string>(
  tokens: readonly Token[],
  keywords: readonly K[],
): Result<Clauses<K>> {
  const head: Token[] = [];
  const clauses: Partial<Record<K, Token[]>> = {};
  let current: Token[] = head;
  let currentKeyword: K | undefined;
  for (const token of tokens) {
    const keyword = keywordOf(token, keywords);
    if (keyword === undefined) {
      current.push(token);
      continue;
    }
    if (currentKeyword !== undefined && current.length === 0) return missingValue(currentKeyword);
    if (clauses[keyword] !== undefined) {
      return fail(
        'usage',
        `You used "${keyword}" twice; put quotes around a name or phrase that contains that word.`,
      );
    }
    current = [];
    clauses[keyword] = current;
    currentKeyword = keyword;
  }
  if (currentKeyword !== undefined && current.length === 0) return missingValue(currentKeyword);
  return ok({ head, clauses });
}

const missingValue = (keyword: string): Result<never> =>
  fail('usage', `Something has to follow "${keyword}"; put quotes around it if you meant the word itself.`);
