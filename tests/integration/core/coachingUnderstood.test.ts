/**
 * Issue 16, coaching content, on a real database: a request for a job is not saved as a question
 * but turned into an open question about the path; the thank-you never quotes a private note.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questions } from '../../../src/db/schema.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-12-04T17:00:00Z', 'UTC');
});
afterAll(async () => {
  await h?.close();
});

describe('ask turns requests for a job into questions', () => {
  it('when "Could you refer me for a job at Unilever?" is asked, then it is not saved, the reason is given, and an open question is offered', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah at Unilever');
    const reply = await h.say(me, 'ask kwame Could you refer me for a job at Unilever?');
    expect(reply).not.toContain('What does it take to refer me');
    expect(reply).toContain('informational interview');
    expect(reply).toContain('Who else do you think I should talk to');
    const saved = await h.db.db.select().from(questions);
    expect(saved.map((q) => q.text)).not.toContain('Could you refer me for a job at Unilever?');
  });

  it('when "Can I shadow you for a day?" is asked, then an open question about their days is offered', async () => {
    const me = await h.person();
    await h.say(me, 'add Amy Chen');
    expect(await h.say(me, 'ask amy Can I shadow you for a day?')).toContain(
      'What does a typical day look like',
    );
  });

  it('when an open question is asked, then it is saved as before', async () => {
    const me = await h.person();
    await h.say(me, 'add Amy Chen');
    expect(await h.say(me, 'ask amy What surprised you most in your first year?')).toContain(
      'Question 1 saved',
    );
    const [contactQuestion] = await h.db.db
      .select()
      .from(questions)
      .where(eq(questions.text, 'What surprised you most in your first year?'));
    expect(contactQuestion).toBeDefined();
  });
});

describe('the thank-you draft', () => {
  it('when the student noted something private, then the thank-you does not quote it and leaves a marked placeholder', async () => {
    const me = await h.person();
    await h.say(me, 'add Dr. Amy Chen at Deloitte as Consultant');
    await h.say(me, 'met amy she thinks her manager is difficult');
    const draft = await h.say(me, 'draft thanks amy');
    expect(draft).not.toContain('manager is difficult');
    expect(draft).toContain('[Write one thing you took away');
    expect(draft).toContain('Dear Dr. Chen,');
    expect(draft).not.toMatch(/looking for a job|asking for a job/);
    expect(await h.say(me, 'draft outreach amy')).toContain('as a consultant at Deloitte');
  });
});
