import { describe, expect, it } from 'vitest';
import { matchContact, parseContactRef, pickList } from '../../../../src/core/grammar/contactRef.js';
import type { Contact } from '../../../../src/core/pipeline/contactPorts.js';
import { lineToPlain } from '../../../../src/core/reply.js';

const at = new Date('2026-10-01T12:00:00Z');

function contact(number: number, name: string, company: string | null = null): Contact {
  return {
    id: `c${number}`,
    orgId: 'org',
    ownerId: 'student',
    number,
    name,
    company,
    title: null,
    field: null,
    source: null,
    referredById: null,
    email: null,
    profileUrl: null,
    personId: null,
    stage: 'identified',
    stageChangedAt: at,
    lastActivityAt: at,
    snoozedUntil: null,
    createdAt: at,
  };
}

const CONTACTS = [
  contact(1, 'Jane Doe', 'Figma'),
  contact(2, 'Jane Smith', 'Stripe'),
  contact(3, 'Sam Lee'),
  contact(4, 'Zoë Ångström', 'Nordic Labs'),
  contact(5, 'Jan Novak'),
  contact(6, 'Dana Jansen'),
];

const name = (fragment: string) => ({ kind: 'name', fragment }) as const;

describe('parseContactRef', () => {
  it.each([
    ['#3', 3],
    ['3', 3],
    [' # 12 ', 12],
  ])('when %j is typed, then it is contact number %i', (text, number) => {
    expect(parseContactRef(text)).toEqual({ kind: 'number', number });
  });

  it.each(['jane', '#jane', '3pm', '1234567890', '#-1'])(
    'when %j is typed, then it is a name fragment',
    (text) => {
      expect(parseContactRef(text)).toEqual({ kind: 'name', fragment: text });
    },
  );
});

describe('matchContact', () => {
  it('when the number exists, then that contact is found', () => {
    const result = matchContact({ kind: 'number', number: 3 }, CONTACTS);
    expect(result.ok && result.value.name).toBe('Sam Lee');
  });

  it('when the number does not exist, then it fails with not_found naming the number', () => {
    const result = matchContact({ kind: 'number', number: 42 }, CONTACTS);
    expect(result.ok ? 'ok' : [result.error.kind, result.error.message.includes('#42')]).toEqual([
      'not_found',
      true,
    ]);
  });

  it('when a fragment matches one name, then that contact is found', () => {
    const result = matchContact(name('sam'), CONTACTS);
    expect(result.ok && result.value.number).toBe(3);
  });

  it('when a fragment differs only in accents and case, then it still matches', () => {
    const result = matchContact(name('zoe angstrom'), CONTACTS);
    expect(result.ok && result.value.number).toBe(4);
  });

  it('when the typed name has accents the stored one lacks, then it still matches', () => {
    const result = matchContact(name('Sám'), CONTACTS);
    expect(result.ok && result.value.number).toBe(3);
  });

  it('when one name matches in full and others only in part, then the full match wins', () => {
    const contacts = [...CONTACTS, contact(7, 'Jan')];
    const result = matchContact(name('JAN'), contacts);
    expect(result.ok && result.value.number).toBe(7);
  });

  it('when a fragment starts a word in one name and sits inside another, then the word start wins', () => {
    const result = matchContact(name('lee'), [...CONTACTS, contact(8, 'Ashlee Park')]);
    expect(result.ok && result.value.number).toBe(3);
  });

  it('when a fragment appears only inside a word, then it still matches as a substring', () => {
    const result = matchContact(name('mith'), CONTACTS);
    expect(result.ok && result.value.number).toBe(2);
  });

  it('when several names match, then it fails with ambiguous and a numbered pick-list', () => {
    const result = matchContact(name('jane'), CONTACTS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('ambiguous');
    expect(result.error.message).toContain('#1');
    expect(result.error.detail?.map(lineToPlain)).toEqual(['#1 Jane Doe (Figma)', '#2 Jane Smith (Stripe)']);
  });

  it('when nothing matches, then it fails with not_found and shows the typed text only as user text', () => {
    const result = matchContact(name('<!channel> Bob'), CONTACTS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('not_found');
    expect(result.error.message).not.toContain('Bob');
    expect(result.error.detail).toEqual([['I read this as the name: ', { user: '<!channel> Bob' }]]);
  });

  it('when the fragment is blank, then it fails with usage', () => {
    const result = matchContact(name('  '), CONTACTS);
    expect(result.ok ? 'ok' : result.error.kind).toBe('usage');
  });

  it('when contact names hold markup, then the pick-list carries them as user text', () => {
    const result = matchContact(name('x'), [contact(1, '*X* one', '<!here>'), contact(2, 'X two')]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.detail?.[0]).toEqual(['#1 ', { user: '*X* one' }, ' (', { user: '<!here>' }, ')']);
  });
});

describe('pickList', () => {
  it('when more than eight contacts match, then eight are listed by number and the rest are counted', () => {
    const many = Array.from({ length: 11 }, (_, index) => contact(11 - index, `Alex ${11 - index}`));
    const lines = pickList(many).map(lineToPlain);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('#1 Alex 1');
    expect(lines[7]).toBe('#8 Alex 8');
    expect(lines[8]).toContain('3 more');
  });
});
