import { describe, expect, it } from 'vitest';
import { PREP_CHECKLIST } from '../../../../src/core/coaching/prepChecklist.js';

describe('PREP_CHECKLIST', () => {
  it.each([
    ['research the field, organization and person', /field, the organization and the person/],
    ['prepare 3 to 5 open questions', /3 to 5 open-ended questions/],
    ['resume only on request', /resume.*only if they ask/],
    ['arrive early', /10 to 15 minutes early/],
    ['restate the purpose', /why you asked for this conversation/],
    ['say you are not asking for a job', /not to ask for a job/],
    ['ask for referrals', /who else/],
    ['respect the agreed time', /20 to 30 minutes/],
    ['take notes', /notes/],
    ['ask to stay in touch', /stay in touch/],
  ])('when preparing, then the checklist covers: %s', (_topic, pattern) => {
    expect(PREP_CHECKLIST.some((item) => pattern.test(item))).toBe(true);
  });
});
