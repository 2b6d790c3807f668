import { describe, expect, it } from 'vitest';
import {
  DRAFT_KINDS,
  type DraftFacts,
  draftMessage,
  TAKEAWAY_PLACEHOLDER,
} from '../../../../src/core/coaching/drafts.js';
import type { Inline, Reply } from '../../../../src/core/reply.js';
import { makeContact, makeMeeting } from '../nudges/factories.js';

const EVIL = '<!channel> *x*';

function parts(reply: Reply): { product: string[]; user: string[] } {
  const product: string[] = [];
  const userText: string[] = [];
  const inline = (part: Inline) => {
    if (typeof part === 'string') product.push(part);
    else if ('user' in part) userText.push(part.user);
    else if ('strong' in part) product.push(part.strong);
    else product.push(part.code);
  };
  for (const block of reply.blocks) {
    if (block.type === 'header') product.push(block.text);
    if (block.type === 'text' || block.type === 'context') block.lines.flat().forEach(inline);
  }
  return { product, user: userText };
}

const plain = (reply: Reply): string =>
  reply.blocks
    .flatMap((b) => (b.type === 'text' || b.type === 'context' ? b.lines : []))
    .map((line) =>
      line
        .map((p) => (typeof p === 'string' ? p : 'user' in p ? p.user : 'strong' in p ? p.strong : p.code))
        .join(''),
    )
    .join('\n');

function facts(overrides: Partial<DraftFacts> = {}): DraftFacts {
  return {
    studentName: 'Maria Lopez',
    contact: makeContact({ name: 'Jane Doe', company: 'Figma', title: 'UX Researcher' }),
    meeting: null,
    referrer: null,
    field: 'UX research',
    ...overrides,
  };
}

const FORBIDDEN = ['job opening', 'hire me', 'any openings', 'apply for'];

describe('draftMessage', () => {
  it('when an outreach is written, then it says plainly the student is not asking for a job', () => {
    expect(plain(draftMessage('outreach', facts()))).toMatch(/not asking for a job/);
  });

  it.each(['thanks', 'followup'] as const)(
    'when a %s draft is written, then it leaves the not-asking-for-a-job line to the outreach',
    (kind) => {
      expect(plain(draftMessage(kind, facts()))).not.toMatch(/(asking for a job|looking for a job)/);
    },
  );

  it('when the contact is "Dr. Amy Chen", then the drafts open with "Dear Dr. Chen,"', () => {
    const contact = makeContact({ name: 'Dr. Amy Chen', company: 'Deloitte', title: 'Consultant' });
    for (const kind of DRAFT_KINDS) {
      const text = plain(draftMessage(kind, facts({ contact })));
      expect(text).toContain('Dear Dr. Chen,');
      expect(text).not.toContain('Hello Dr. Amy Chen');
    }
  });

  it.each([
    ['Consultant', 'as a consultant at Deloitte'],
    ['Engineer', 'as an engineer at Deloitte'],
    ['UX Researcher', 'as a UX researcher at Deloitte'],
    ['SVP of Operations', 'as an SVP of operations at Deloitte'],
    ['University Liaison', 'as a university liaison at Deloitte'],
  ])('when the role is %j, then the outreach reads %j', (title, phrase) => {
    const contact = makeContact({ name: 'Amy Chen', company: 'Deloitte', title });
    expect(plain(draftMessage('outreach', facts({ contact })))).toContain(phrase);
  });

  it('when the contact has a field, then the outreach names it', () => {
    const text = plain(draftMessage('outreach', facts({ field: 'product design' })));
    expect(text).toContain('exploring product design');
  });

  it.each(DRAFT_KINDS)(
    'when a %s draft is written, then it never asks for a job, an opening or an application',
    (kind) => {
      const text = plain(
        draftMessage(kind, facts({ referrer: makeContact({ name: 'Sam Lee' }) })),
      ).toLowerCase();
      for (const phrase of FORBIDDEN) expect(text).not.toContain(phrase);
      expect(text).not.toMatch(/\b(referral|refer me) (to|for) (an? )?(opening|position|role)\b/);
      expect(text).not.toMatch(/(could|can|would) you (offer|give|find) me an? (job|position|internship)/);
    },
  );

  it.each(DRAFT_KINDS)(
    'when a %s draft is written, then it has a subject line and tells the student to make it their own',
    (kind) => {
      const text = plain(draftMessage(kind, facts()));
      expect(text).toMatch(/^Subject: .+/m);
      expect(text).toMatch(/in your own words/);
    },
  );

  it.each(DRAFT_KINDS)(
    'when names are typed as markup, then in a %s draft they only appear as user text',
    (kind) => {
      const reply = draftMessage(
        kind,
        facts({
          studentName: EVIL,
          contact: makeContact({ name: EVIL, company: EVIL, title: EVIL }),
          referrer: makeContact({ name: EVIL }),
          field: EVIL,
        }),
      );
      const { product, user } = parts(reply);
      for (const text of product) expect(text).not.toContain('<!channel>');
      expect(user.filter((u) => u === EVIL).length).toBeGreaterThanOrEqual(3);
    },
  );

  it('when the contact was referred, then the outreach says who suggested the contact', () => {
    const reply = draftMessage('outreach', facts({ referrer: makeContact({ name: 'Sam Lee' }) }));
    expect(plain(reply)).toContain('Sam Lee suggested I contact you.');
  });

  it('when there is no referrer, then the outreach does not mention one', () => {
    expect(plain(draftMessage('outreach', facts()))).not.toContain('suggested I contact you');
  });

  it('when asking for a conversation, then it asks only for 20 to 30 minutes at their choice of time and mode', () => {
    const text = plain(draftMessage('outreach', facts()));
    expect(text).toContain('20 to 30 minutes');
    expect(text).toMatch(/phone.*video.*in person/);
    expect(text).toContain('information and advice');
  });

  it('when a thank-you is drafted, then it quotes no note and leaves a marked placeholder for the takeaway', () => {
    const text = plain(draftMessage('thanks', facts()));
    expect(text).toContain(TAKEAWAY_PLACEHOLDER);
    expect(TAKEAWAY_PLACEHOLDER).toMatch(/^\[.*\]$/);
    expect(text).toMatch(/kept in touch/);
  });

  it('when the conversation happened by email, then the thank-you thanks them for their answers', () => {
    const meeting = makeMeeting({ mode: 'email' });
    expect(plain(draftMessage('thanks', facts({ meeting })))).toContain('to answer my questions');
  });

  it('when following up, then it refers back to the earlier message', () => {
    expect(plain(draftMessage('followup', facts()))).toMatch(/wrote to you a little while ago/);
  });
});
