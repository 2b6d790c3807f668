import { describe, expect, it } from 'vitest';
import {
  questionCapacity,
  questionRangeText,
  questionsWarning,
} from '../../../../src/core/coaching/questionCapacity.js';

describe('one question-count rule', () => {
  it.each([
    [20, '3 to 5 questions'],
    [25, '3 to 5 questions'],
    [30, '3 to 5 questions'],
    [45, '4 to 6 questions'],
    [60, '5 to 7 questions'],
    [90, '6 to 8 questions'],
    [10, '2 to 3 questions'],
    [0, '3 to 5 questions'],
    [Number.NaN, '3 to 5 questions'],
  ])('when the meeting lasts %s minutes, then the rule says %s', (minutes, text) => {
    expect(questionRangeText(minutes)).toBe(text);
  });

  it('when a 30-minute meeting is asked about, then it holds at most 5, never "about 6" or "about 12"', () => {
    expect(questionCapacity(30)).toBe(5);
    expect(questionCapacity(60)).toBe(7);
  });
});

describe('questionsWarning', () => {
  it('when the questions fill a 30-minute meeting, then there is no warning', () => {
    expect(questionsWarning(5, 30)).toBeNull();
  });

  it('when there is one question more than a 30-minute meeting holds, then the warning gives the rule', () => {
    const warning = questionsWarning(6, 30);
    expect(warning).toContain('6 questions');
    expect(warning).toContain('30-minute');
    expect(warning).toContain('3 to 5 questions');
  });

  it('when there are no questions, then there is no warning', () => {
    expect(questionsWarning(0, 20)).toBeNull();
  });
});
