import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../../../src/core/grammar/clauses.js';
import { splitFirst, tokenize } from '../../../../src/core/grammar/tokenize.js';

const values = (text: string) => {
  const result = tokenize(text);
  if (!result.ok) throw new Error(`expected tokens, got ${result.error.kind}`);
  return result.value.map((token) => [token.value, token.quoted]);
};

describe('tokenize', () => {
  it('when words are separated by runs of spaces, tabs and newlines, then each word is one token', () => {
    expect(values('  Jane \t Doe\nat  Figma ')).toEqual([
      ['Jane', false],
      ['Doe', false],
      ['at', false],
      ['Figma', false],
    ]);
  });

  it('when a phrase is in straight quotes, then it is one quoted token', () => {
    expect(values('"Pat At" at "Bank as a Service"')).toEqual([
      ['Pat At', true],
      ['at', false],
      ['Bank as a Service', true],
    ]);
  });

  it('when a phone types curly quotes, then they group the phrase like straight ones', () => {
    expect(values('“Pat At” at „Bank as a Service“')).toEqual([
      ['Pat At', true],
      ['at', false],
      ['Bank as a Service', true],
    ]);
  });

  it('when a quote has no closing partner, then it fails with usage', () => {
    const result = tokenize('add "Jane Doe');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('usage');
  });

  it('when an apostrophe is in a name, then it is an ordinary letter', () => {
    expect(values("O'Brien don't")).toEqual([
      ["O'Brien", false],
      ["don't", false],
    ]);
  });

  it('when a non-breaking space separates words, then it splits them like a space', () => {
    expect(values('Jane\u00A0Doe')).toEqual([
      ['Jane', false],
      ['Doe', false],
    ]);
  });

  it('when tokens are read, then their offsets point back into the typed text', () => {
    const result = tokenize('ab "c d" e');
    expect(result.ok && result.value.map((token) => [token.start, token.end])).toEqual([
      [0, 2],
      [3, 8],
      [9, 10],
    ]);
  });

  it.each([
    ['a bell', 'Jane\u0007'],
    ['an escape', 'Jane\u001B[31m'],
    ['a C1 control', 'Jane\u0085'],
    ['a zero-width space', 'Ja\u200Bne'],
    ['a right-to-left override', '\u202Eenaj'],
    ['a byte-order mark', '\uFEFFjane'],
    ['a lone surrogate', 'jane\uD800'],
  ])('when the text holds %s, then it fails with control_chars', (_label, text) => {
    const result = tokenize(text);
    expect(result.ok ? 'ok' : result.error.kind).toBe('control_chars');
  });

  it('when an emoji uses a zero-width joiner, then it is kept whole', () => {
    expect(values('👩‍💻')).toEqual([['👩‍💻', false]]);
  });

  it('when one word is over 4,000 characters, then it fails with too_long', () => {
    const result = tokenize('y'.repeat(4001));
    expect(result.ok ? 'ok' : result.error.kind).toBe('too_long');
  });

  it('when one word is exactly 4,000 characters, then it is accepted', () => {
    const result = tokenize('y'.repeat(4000));
    expect(result.ok && result.value[0]?.value.length).toBe(4000);
  });
});

describe('splitFirst', () => {
  it('when free text follows the first word, then the rest keeps its spacing and quotes as typed', () => {
    const result = splitFirst('jane  she said  "hi');
    expect(result.ok && [result.value.first?.value, result.value.rest]).toEqual(['jane', 'she said  "hi']);
  });

  it('when the first word is quoted, then the whole phrase is the first token', () => {
    const result = splitFirst('"Jane Doe" met at the fair');
    expect(result.ok && [result.value.first?.value, result.value.first?.quoted, result.value.rest]).toEqual([
      'Jane Doe',
      true,
      'met at the fair',
    ]);
  });

  it('when the text is blank, then there is no first token', () => {
    const result = splitFirst('   ');
    expect(result.ok && result.value).toEqual({ first: undefined, rest: '' });
  });
});

describe('splitClauses', () => {
  const tokens = (text: string) => {
    const result = tokenize(text);
    if (!result.ok) throw new Error('bad tokens');
    return result.value;
  };
  const shape = (text: string, keywords: readonly string[]) => {
    const result = splitClauses(tokens(text), keywords);
    if (!result.ok) return result.error.kind;
    return {
      head: result.value.head.map((token) => token.value),
      clauses: Object.fromEntries(
        Object.entries(result.value.clauses).map(([key, value]) => [
          key,
          (value ?? []).map((token) => token.value),
        ]),
      ),
    };
  };

  it('when keywords follow a head, then each clause runs to the next keyword', () => {
    expect(shape('Jane Doe at Figma as UX Researcher via alumni', ['at', 'as', 'via'])).toEqual({
      head: ['Jane', 'Doe'],
      clauses: { at: ['Figma'], as: ['UX', 'Researcher'], via: ['alumni'] },
    });
  });

  it('when a keyword is typed in capitals, then it still splits', () => {
    expect(shape('Jane AT Figma', ['at'])).toEqual({ head: ['Jane'], clauses: { at: ['Figma'] } });
  });

  it('when a keyword is inside quotes, then it is part of the value', () => {
    expect(shape('"Pat At" at "Bank as a Service"', ['at', 'as'])).toEqual({
      head: ['Pat At'],
      clauses: { at: ['Bank as a Service'] },
    });
  });

  it('when a word is not one of the given keywords, then it stays in the value', () => {
    expect(shape('jane tomorrow at 3pm for 30', ['for'])).toEqual({
      head: ['jane', 'tomorrow', 'at', '3pm'],
      clauses: { for: ['30'] },
    });
  });

  it('when a keyword appears twice, then it fails with usage', () => {
    expect(shape('Jane at Figma at Google', ['at'])).toBe('usage');
  });

  it('when a keyword has nothing after it, then it fails with usage', () => {
    expect(shape('Jane at as Designer', ['at', 'as'])).toBe('usage');
    expect(shape('Jane via', ['via'])).toBe('usage');
  });
});
