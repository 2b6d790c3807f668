import { describe, expect, it } from 'vitest';
import { isYesNoQuestion, suggestOpenRewrite } from '../../../../src/core/coaching/yesNo.js';

const CLOSED: readonly string[] = [
  'Do you like your job?',
  'Does your team work remotely?',
  'Did you study economics?',
  'Is the pay good?',
  'Are there many openings for juniors?',
  'Was it hard to switch careers?',
  'Were you nervous on your first day?',
  'Can I get into UX without a design degree?',
  'Could I shadow someone for a day?',
  'Will AI change your field?',
  'Would you choose this career again?',
  'Should I get a master’s degree?',
  'Have you ever worked abroad?',
  'Has the field changed much?',
  'Had you planned this path from the start?',
  'May I ask what you earn?',
  'Might the company expand?',
  'Must I know Python?',
  'Am I too late to switch?',
  'Shall we keep in touch?',
  'Do you think a certificate is worth it?',
  'Is it true that most people start in sales?',
  "Don't you find the hours long?",
  "Isn't it stressful?",
  'So, do you enjoy it?',
  'I was wondering, is travel part of the job?',
  '  do you work weekends  ',
  'Is there a typical career path?',
  'Can you work from home?',
  'Would you recommend this field?',
];

const OPEN: readonly string[] = [
  'What do you enjoy most about your work?',
  'How did you get your first job in this field?',
  'Why did you choose this company?',
  'Tell me about a typical day.',
  'Could you walk me through a normal week?',
  'Can you tell me about your path into the field?',
  'Would you describe the culture on your team?',
  'Could you explain how projects are staffed?',
  'Would you share what surprised you most?',
  'Can you talk about the hardest part of the job?',
  'Would you mind telling me how you got started?',
  'Where do people usually go after this role?',
  'Which skills matter most here?',
  'Who else should I talk to?',
  'When did you know this was the right field?',
  '',
];

describe('isYesNoQuestion', () => {
  it.each(CLOSED)('when asked "%s", then it is a closed question', (question) => {
    expect(isYesNoQuestion(question)).toBe(true);
  });

  it.each(OPEN)('when asked "%s", then it is not a closed question', (question) => {
    expect(isYesNoQuestion(question)).toBe(false);
  });

  it('when an open question follows an introduction sentence, then the question itself is judged', () => {
    expect(isYesNoQuestion('I read your article on research ops. What led you to write it?')).toBe(false);
    expect(isYesNoQuestion('I read your article on research ops. Did you enjoy writing it?')).toBe(true);
  });
});

describe('suggestOpenRewrite', () => {
  it('when the question is open, then there is nothing to rewrite', () => {
    expect(suggestOpenRewrite('What do you enjoy most about your work?')).toBeNull();
    expect(suggestOpenRewrite('Could you walk me through a normal week?')).toBeNull();
  });

  it.each([
    ['Do you like your job?', 'What do you enjoy most about your work?'],
    ['Is it hard to get promoted?', 'How hard is it to get promoted?'],
    ['Are you happy with your career choice?', 'How happy are you with your career choice?'],
    ['Is there a typical career path?', 'What does a typical career path look like?'],
    ['Are there opportunities for growth?', 'What opportunities for growth are there?'],
    [
      'Can I get into UX without a design degree?',
      'What does it take to get into UX without a design degree?',
    ],
    [
      'Should I get a master’s degree?',
      "In my position, how would you decide whether to get a master's degree?",
    ],
    ['Do you need a certificate?', 'How much does a certificate matter in this field?'],
    ["Don't you find the hours long?", 'How long do you find the hours, and why?'],
    [
      'Is it true that most people start in sales?',
      'In your experience, how true is it that most people start in sales?',
    ],
  ])('when asked "%s", then the suggestion is "%s"', (closed, open) => {
    expect(suggestOpenRewrite(closed)).toBe(open);
  });

  it.each(CLOSED)('when "%s" is rewritten, then the suggestion is itself an open question', (question) => {
    const rewrite = suggestOpenRewrite(question);
    expect(rewrite).not.toBeNull();
    expect(rewrite!.endsWith('?')).toBe(true);
    expect(isYesNoQuestion(rewrite!)).toBe(false);
  });
});
