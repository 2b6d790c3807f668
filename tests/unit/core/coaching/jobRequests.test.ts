import { describe, expect, it } from 'vitest';
import { detectJobRequest, jobRequestAdvice } from '../../../../src/core/coaching/jobRequests.js';
import { isYesNoQuestion } from '../../../../src/core/coaching/yesNo.js';

describe('requests for a job among prepared questions', () => {
  it.each([
    ['Could you refer me for a job at Unilever?', 'referral'],
    ['Would you recommend me to your hiring manager?', 'referral'],
    ['Can you put in a good word for me?', 'referral'],
    ['Is your team hiring?', 'job'],
    ['Are there any openings on your team?', 'job'],
    ['Do you have any jobs for new grads?', 'job'],
    ['Could I send you my resume to pass along?', 'job'],
    ['Do you have any internships this summer?', 'internship'],
    ['Could you get me an internship at Deloitte?', 'internship'],
    ['Can I shadow you for a day?', 'shadowing'],
    ["I'd love to shadow you at the hospital", 'shadowing'],
    ['Is it possible to do a placement with your team?', 'internship'],
  ])('when %j is asked, then it is a %s request', (question, kind) => {
    expect(detectJobRequest(question)).toBe(kind);
  });

  it.each([
    'What do you look for when hiring interns?',
    'How did you get your first job?',
    'What surprised you most in your first year?',
    'Could you tell me about your typical day?',
    'Who else should I talk to?',
    'How do people usually find internships in this field?',
  ])('when %j is asked, then it is a question, not a request', (question) => {
    expect(detectJobRequest(question)).toBeNull();
  });

  it('when the request names an organization, then the open question names it and reads as a sentence', () => {
    const advice = jobRequestAdvice('job', 'Could you get me a job at Unilever?');
    expect(advice.instead).toBe('What does the path into work like yours at Unilever usually look like?');
    expect(isYesNoQuestion(advice.instead)).toBe(false);
    expect(advice.why).toMatch(/informational interview/);
  });

  it.each(['job', 'internship', 'referral', 'shadowing'] as const)(
    'when a %s request has no organization, then the open question is still a whole, open sentence',
    (kind) => {
      const { instead } = jobRequestAdvice(kind, 'Can you help?');
      expect(instead).toMatch(/^(What|How|Who)\b.*\?$/);
      expect(instead).not.toContain(' at ?');
      expect(isYesNoQuestion(instead)).toBe(false);
    },
  );
});
