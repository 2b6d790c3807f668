import { describe, expect, it } from 'vitest';
import { PREP_CHECKLIST } from '../../../../src/core/coaching/prepChecklist.js';
import { NUDGE_KINDS, type NudgeKind } from '../../../../src/core/domain.js';
import { NUDGE_LABELS, type NudgeFacts, renderNudge } from '../../../../src/core/nudges/nudgeMessages.js';
import type { NudgeRecord } from '../../../../src/core/nudges/nudgePorts.js';
import type { Inline, Reply } from '../../../../src/core/reply.js';
import { at, makeContact, makeMeeting, makeNudge } from './factories.js';

const EVIL = '<!channel> *x*';

/** Every piece of text in a reply, split into the product's own and what people typed. */
function texts(reply: Reply): { product: string[]; user: string[]; code: string[] } {
  const product: string[] = [];
  const userText: string[] = [];
  const codeText: string[] = [];
  const inline = (part: Inline) => {
    if (typeof part === 'string') product.push(part);
    else if ('user' in part) userText.push(part.user);
    else if ('strong' in part) product.push(part.strong);
    else codeText.push(part.code);
  };
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'header':
        product.push(block.text);
        break;
      case 'text':
      case 'context':
        block.lines.flat().forEach(inline);
        break;
      case 'list':
        if (block.title) product.push(block.title);
        block.items.flat().forEach(inline);
        break;
      case 'fields':
        for (const field of block.fields) {
          product.push(field.label);
          field.value.forEach(inline);
        }
        break;
      case 'actions':
        product.push(...block.actions.map((a) => a.label));
        break;
      case 'divider':
        break;
    }
  }
  return { product, user: userText, code: codeText };
}

const plain = (reply: Reply): string => {
  const t = texts(reply);
  return [...t.product, ...t.user, ...t.code].join(' ');
};

function scenario(kind: NudgeKind): { nudge: NudgeRecord; facts: NudgeFacts } {
  const contact = makeContact({ name: EVIL, company: EVIL, number: 4, stage: 'met' });
  const other = makeContact({ name: `${EVIL} two`, number: 5 });
  const payloads: Partial<Record<NudgeKind, Record<string, unknown>>> = {
    follow_up: { n: 3, final: true },
    thank_you: { n: 1 },
    weekly_pipeline: { target: 10 },
    reflect: { trigger: 'meetings', meetingsHeld: 3 },
    thank_referrer: { referrerName: EVIL, referrerId: other.id },
    mentor_logged: { mentorName: EVIL, topics: EVIL, durationMinutes: 30 },
    match_intro: { otherName: EVIL, side: 'student' },
    welcome: { cohortName: EVIL },
    mentor_reminder: { students: { s1: EVIL, s2: 'Ben' } },
  };
  const personWide = kind === 'weekly_pipeline' || kind === 'reflect';
  const nudge = makeNudge({ kind, contactId: personWide ? null : contact.id, payload: payloads[kind] ?? {} });
  const facts: NudgeFacts = {
    contact: personWide ? null : contact,
    otherIdentified: other,
    meeting: makeMeeting({ contactId: contact.id, durationMinutes: 30 }),
    contacts: [contact, other],
    timezone: 'Europe/Berlin',
  };
  return { nudge, facts };
}

describe('renderNudge', () => {
  it("when a mentor's introduction names several students typed as markup, then each is a user node and the sentence is plural", () => {
    const nudge = makeNudge({
      kind: 'match_intro',
      contactId: null,
      payload: { side: 'mentor', students: { s1: EVIL, s2: 'Ben' } },
    });
    const reply = renderNudge(nudge, scenario('match_intro').facts);
    const t = texts(reply);
    expect(t.user).toEqual(expect.arrayContaining([EVIL, 'Ben']));
    expect(t.product).toContain('the students ');
    expect(t.product).toContain('; you are their mentor.');
    for (const text of t.product) expect(text).not.toContain('<!channel>');
  });

  it.each(NUDGE_KINDS)(
    'when a %s nudge names a contact typed as markup, then that text only appears inside user nodes',
    (kind) => {
      const { nudge, facts } = scenario(kind);
      const t = texts(renderNudge(nudge, facts));
      for (const text of [...t.product, ...t.code]) {
        expect(text).not.toContain('<!channel>');
        expect(text).not.toContain('*x*');
      }
      if (kind !== 'weekly_pipeline' && kind !== 'reflect') expect(t.user).toContain(EVIL);
    },
  );

  it.each(NUDGE_KINDS)(
    'when a %s nudge is rendered, then it has Done and both snoozes carrying the nudge id',
    (kind) => {
      const { nudge, facts } = scenario(kind);
      const actions = renderNudge(nudge, facts)
        .blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []))
        .filter((a) => !a.id.startsWith('nudge_outcome_') && !a.id.startsWith('nudge_decide_'));
      expect(actions.slice(0, 3).map((a) => [a.id, a.label, a.value])).toEqual([
        ['nudge_done', 'Done', nudge.id],
        ['nudge_snooze_2d', 'Snooze 2 days', nudge.id],
        ['nudge_snooze_1w', 'Snooze 1 week', nudge.id],
      ]);
    },
  );

  it('when the nudge is about a contact, then a Show contact button carries the contact id', () => {
    const { nudge, facts } = scenario('debrief');
    const actions = renderNudge(nudge, facts).blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
    expect(actions).toHaveLength(7);
    expect(actions[6]).toEqual({ id: 'contact_show', label: 'Show contact', value: facts.contact!.id });
  });

  it('when a debrief is rendered, then it first offers the three ratings, each carrying the reminder id only', () => {
    const { nudge, facts } = scenario('debrief');
    const actions = renderNudge(nudge, facts).blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
    expect(actions.slice(0, 3).map((a) => [a.id, a.label, a.value])).toEqual([
      ['nudge_outcome_useful', 'It was useful', nudge.id],
      ['nudge_outcome_somewhat', 'Somewhat useful', nudge.id],
      ['nudge_outcome_not', 'Not useful', nudge.id],
    ]);
    expect(plain(renderNudge(nudge, facts))).toMatch(/how useful was it/i);
  });

  it('when the reflection is rendered, then it first offers the three decisions; no other reminder offers answers', () => {
    const { nudge, facts } = scenario('reflect');
    const actions = renderNudge(nudge, facts).blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
    expect(actions.slice(0, 3).map((a) => [a.id, a.label])).toEqual([
      ['nudge_decide_keep', 'Keep exploring'],
      ['nudge_decide_focus', 'Focus on this field'],
      ['nudge_decide_change', 'Change direction'],
    ]);
    for (const kind of NUDGE_KINDS.filter((k) => k !== 'debrief' && k !== 'reflect')) {
      const other = scenario(kind);
      const ids = renderNudge(other.nudge, other.facts).blocks.flatMap((b) =>
        b.type === 'actions' ? b.actions.map((a) => a.id) : [],
      );
      expect(ids.filter((id) => id.startsWith('nudge_outcome_') || id.startsWith('nudge_decide_'))).toEqual(
        [],
      );
    }
  });

  it('when the nudge has no contact, then there is no Show contact button', () => {
    const { nudge, facts } = scenario('weekly_pipeline');
    const actions = renderNudge(nudge, facts).blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
    expect(actions.map((a) => a.id)).toEqual(['nudge_done', 'nudge_snooze_2d', 'nudge_snooze_1w']);
  });

  it("when a mentor's reminder names two students, then both are user text joined by 'and'", () => {
    const { nudge, facts } = scenario('mentor_reminder');
    const reply = renderNudge(nudge, facts);
    expect(texts(reply).user.sort()).toEqual([EVIL, 'Ben'].sort());
    expect(plain(reply)).toMatch(/no meeting with .* and .* has been logged in the last three weeks/);
  });

  it('when the last follow-up is rendered, then it suggests marking no reply and names the next person on the list', () => {
    const { nudge, facts } = scenario('follow_up');
    const reply = renderNudge(nudge, facts);
    expect(plain(reply)).toMatch(/no reply/);
    expect(texts(reply).user).toContain(`${EVIL} two`);
    expect(texts(reply).code).toContain('/rapport draft outreach 5');
  });

  it('when an earlier follow-up is rendered, then it offers the follow-up draft', () => {
    const contact = makeContact({ number: 2, stage: 'reached_out' });
    const nudge = makeNudge({ kind: 'follow_up', contactId: contact.id, payload: { n: 1, final: false } });
    const reply = renderNudge(nudge, { contact });
    expect(texts(reply).code).toContain('/rapport draft followup 2');
    expect(plain(reply)).not.toMatch(/no reply/);
  });

  it('when the prepare nudge is rendered, then it carries the whole checklist and how many questions fit', () => {
    const { nudge, facts } = scenario('prepare');
    const reply = renderNudge(nudge, facts);
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items.map((item) => item.join(''))).toEqual([...PREP_CHECKLIST]);
    expect(plain(reply)).toContain('room for 3 to 5 questions');
    expect(plain(reply)).toContain('Tuesday 10 November at 16:00');
  });

  it('when the thank-you nudge is rendered, then it points to the thanks draft and mentions the resume', () => {
    const { nudge, facts } = scenario('thank_you');
    const reply = renderNudge(nudge, facts);
    expect(texts(reply).code).toContain('/rapport draft thanks 4');
    expect(plain(reply)).toMatch(/resume/);
  });

  it('when the debrief nudge is rendered, then it asks for dated notes and referrals', () => {
    const { nudge, facts } = scenario('debrief');
    const codes = texts(renderNudge(nudge, facts)).code;
    expect(codes.some((c) => c.startsWith('/rapport note 4'))).toBe(true);
    expect(codes.some((c) => c.startsWith('/rapport referred 4'))).toBe(true);
  });

  it('when the weekly nudge is rendered, then it counts the list by stage and states the rule of thumb', () => {
    const contacts = [
      makeContact({ stage: 'identified' }),
      makeContact({ stage: 'identified' }),
      makeContact({ stage: 'reached_out' }),
      makeContact({ stage: 'declined' }),
    ];
    const nudge = makeNudge({ kind: 'weekly_pipeline', payload: { target: 10 } });
    const text = plain(renderNudge(nudge, { contact: null, contacts }));
    expect(text).toContain('3 people still in play');
    expect(text).toContain('Identified: 2');
    expect(text).toContain('Reached out: 1');
    expect(text).toContain('Declined: 1');
    expect(text).toMatch(/about 10 people .* 3 or 4 conversations/);
    expect(text).toContain('Adding 7 more');
  });

  it('when the thank-referrer nudge is rendered, then the referrer is named as user text', () => {
    const contact = makeContact({ name: 'Jane Doe' });
    const nudge = makeNudge({
      kind: 'thank_referrer',
      contactId: contact.id,
      payload: { referrerName: 'Sam Lee' },
    });
    expect(texts(renderNudge(nudge, { contact })).user).toEqual(['Sam Lee', 'Jane Doe']);
  });

  it('when the reflection nudge is rendered, then it asks whether the field fits', () => {
    const nudge = makeNudge({ kind: 'reflect', payload: { trigger: 'time', meetingsHeld: 1 } });
    expect(plain(renderNudge(nudge, { contact: null }))).toMatch(/does this field still fit/);
  });

  it('when the contact is gone, then the message still reads and has no Show contact button', () => {
    const nudge = makeNudge({
      kind: 'keep_in_touch',
      contactId: 'contact-gone',
      dueAt: at('2026-12-11T10:00:00Z'),
    });
    const reply = renderNudge(nudge, { contact: null });
    expect(plain(reply)).toContain('your contact');
    expect(
      reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.map((a) => a.id) : [])),
    ).not.toContain('contact_show');
  });

  it('when every kind has a label, then each is a short distinct name', () => {
    const labels = NUDGE_KINDS.map((kind) => NUDGE_LABELS[kind]);
    expect(new Set(labels).size).toBe(NUDGE_KINDS.length);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(40);
    expect(NUDGE_LABELS.follow_up).toBe('Follow-up reminder');
  });
});
