import { describe, expect, it } from 'vitest';
import { questionCapacity, questionsWarning } from '../../../../src/core/coaching/questionCapacity.js';

describe('questionCapacity', () => {
  it.each([
    [30, 6],
    [20, 4],
    [24, 4],
    [25, 5],
    [60, 12],
    [15, 3],
    [5, 1],
    [4, 1],
    [0, 1],
    [-10, 1],
    [Number.NaN, 1],
  ])('when the meeting lasts %s minutes, then about %s questions fit', (minutes, capacity) => {
    expect(questionCapacity(minutes)).toBe(capacity);
  });
});

describe('questionsWarning', () => {
  it('when the questions exactly fill a 30-minute meeting, then there is no warning', () => {
    expect(questionsWarning(6, 30)).toBeNull();
  });

  it('when there is one question more than a 30-minute meeting holds, then the warning gives both numbers', () => {
    const warning = questionsWarning(7, 30);
    expect(warning).toContain('7 questions');
    expect(warning).toContain('30-minute');
    expect(warning).toContain('about 6');
  });

  it('when a very short meeting has two questions, then the warning says about 1 fits', () => {
    expect(questionsWarning(2, 4)).toContain('about 1.');
  });

  it('when there are no questions, then there is no warning', () => {
    expect(questionsWarning(0, 20)).toBeNull();
  });
});
