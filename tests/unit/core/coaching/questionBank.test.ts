import { describe, expect, it } from 'vitest';
import {
  QUESTION_BANK,
  QUESTION_THEMES,
  questionThemes,
  suggestQuestions,
} from '../../../../src/core/coaching/questionBank.js';
import { isYesNoQuestion } from '../../../../src/core/coaching/yesNo.js';

describe('the question bank', () => {
  it.each(QUESTION_THEMES)(
    'when the theme is %s, then it offers at least four open questions that cover it',
    (theme) => {
      const questions = QUESTION_BANK[theme];
      expect(questions.length).toBeGreaterThanOrEqual(4);
      for (const question of questions) {
        expect(isYesNoQuestion(question)).toBe(false);
        expect(questionThemes(question)).toContain(theme);
      }
    },
  );
});

describe('suggestQuestions', () => {
  it('when the student has no questions, then one question per theme comes first, in theme order', () => {
    const picked = suggestQuestions([], 6);
    expect(picked.map((q) => q.theme)).toEqual([...QUESTION_THEMES]);
    expect(picked.map((q) => q.text)).toEqual(QUESTION_THEMES.map((theme) => QUESTION_BANK[theme][0]));
  });

  it('when some themes are covered already, then the uncovered themes are suggested first', () => {
    const existing = ['What does a normal day look like for you?', 'Which skills should I build first?'];
    const picked = suggestQuestions(existing, 4);
    expect(picked.map((q) => q.theme)).toEqual(['path', 'rewards', 'personality', 'advice']);
  });

  it('when more are asked than there are uncovered themes, then covered themes follow with unasked questions', () => {
    const existing = [QUESTION_BANK.typical_day[0]!];
    const picked = suggestQuestions(existing, 7);
    expect(picked.slice(5).map((q) => q.theme)).toEqual(['typical_day', 'path']);
    expect(picked.map((q) => q.text)).not.toContain(QUESTION_BANK.typical_day[0]);
    expect(new Set(picked.map((q) => q.text)).size).toBe(7);
  });

  it('when called twice with the same questions, then the same suggestions come back', () => {
    const existing = ['How did you end up here?'];
    expect(suggestQuestions(existing, 5)).toEqual(suggestQuestions([...existing], 5));
  });

  it('when asked for none or for more than the bank holds, then the answer is empty or the whole bank', () => {
    expect(suggestQuestions([], 0)).toEqual([]);
    const total = QUESTION_THEMES.reduce((sum, theme) => sum + QUESTION_BANK[theme].length, 0);
    expect(suggestQuestions([], 1000)).toHaveLength(total);
  });
});
