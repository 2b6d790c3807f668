/**
 * How a person names one of their contacts: by number (`#3` or `3`) or by a piece of the name.
 */
import type { Contact } from '../pipeline/contactPorts.js';
import type { Line } from '../reply.js';
import { fail, ok, type Result } from '../result.js';

/** A reference to a contact, as typed. */
export type ContactRef = { kind: 'number'; number: number } | { kind: 'name'; fragment: string };

/** How many matches the pick-list shows before it says "and N more". */
export const PICK_LIST_LIMIT = 8;

/** Up to nine digits: a list number, never a year or a phone number's worth of digits. */
const NUMBER_REF = /^#?\s*(\d{1,9})$/;

/** Reads `#3` or `3` as a number; anything else is a name fragment (trimmed). */
export function parseContactRef(text: string): ContactRef {
  const trimmed = text.trim();
  const match = NUMBER_REF.exec(trimmed);
  if (match?.[1] !== undefined) return { kind: 'number', number: Number.parseInt(match[1], 10) };
  return { kind: 'name', fragment: trimmed };
}

/** Lower case, accents and other combining marks removed, whitespace collapsed. */
export function foldName(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * True when `fragment` starts a word of `name` (both folded): `doe` and `jane d` match `jane doe`,
 * and `maria` matches `maria.lopez` (any character that is not a letter or digit ends a word).
 */
export function startsAWord(name: string, fragment: string): boolean {
  let index = name.indexOf(fragment);
  while (index !== -1) {
    if (index === 0 || /[^\p{L}\p{N}]/u.test(name[index - 1] ?? '')) return true;
    index = name.indexOf(fragment, index + 1);
  }
  return false;
}

/**
 * Finds the one contact a reference means. A number must exist. A name fragment matches
 * case- and accent-insensitively: an exact full name wins, then names with a word starting with
 * the fragment, then names containing it anywhere. Fails with 'not_found' when nothing matches
 * and 'ambiguous' (with a pick-list in `detail`) when several do.
 */
export function matchContact(ref: ContactRef, contacts: readonly Contact[]): Result<Contact> {
  if (ref.kind === 'number') {
    const found = contacts.find((contact) => contact.number === ref.number);
    if (found) return ok(found);
    return fail(
      'not_found',
      `You have no contact #${ref.number}; the list command shows your contacts with their numbers.`,
    );
  }
  const fragment = foldName(ref.fragment);
  if (fragment === '') {
    return fail('usage', 'Tell me which contact you mean: its number, like #3, or part of the name.');
  }
  const folded = contacts.map((contact) => ({ contact, name: foldName(contact.name) }));
  const tiers = [
    folded.filter((entry) => entry.name === fragment),
    folded.filter((entry) => startsAWord(entry.name, fragment)),
    folded.filter((entry) => entry.name.includes(fragment)),
  ];
  const matches = tiers.find((tier) => tier.length > 0)?.map((entry) => entry.contact) ?? [];
  const [only] = matches;
  if (matches.length === 1 && only) return ok(only);
  if (matches.length === 0) {
    return fail('not_found', 'None of your contacts matches that name; the list command shows them all.', {
      detail: [['I read this as the name: ', { user: ref.fragment }]],
    });
  }
  const lowest = Math.min(...matches.map((contact) => contact.number));
  return fail('ambiguous', `Several contacts match that; use the number to pick one, like #${lowest}.`, {
    detail: pickList(matches),
    choices: [...matches]
      .sort((a, b) => a.number - b.number)
      .slice(0, PICK_LIST_LIMIT)
      .map((contact) => ({
        contactId: contact.id,
        label: `#${contact.number} ${contact.name}`.slice(0, 60),
      })),
  });
}

/** `#2 Jane Doe (Figma)` lines, by number, with a last line counting the ones left out. */
export function pickList(contacts: readonly Contact[]): Line[] {
  const sorted = [...contacts].sort((a, b) => a.number - b.number);
  const lines: Line[] = sorted.slice(0, PICK_LIST_LIMIT).map((contact) => {
    const line: Line = [`#${contact.number} `, { user: contact.name }];
    if (contact.company) line.push(' (', { user: contact.company }, ')');
    return line;
  });
  const more = sorted.length - PICK_LIST_LIMIT;
  if (more > 0) lines.push([`... and ${more} more; type more of the name to narrow it down.`]);
  return lines;
}
