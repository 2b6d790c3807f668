/**
 * The seeded organization whose digest figures are computed by hand (digestFigures.test.ts, and
 * the per-student CSV in digestCsv.test.ts). It runs on New York time and the digest is made on
 * Monday 2 November 2026 at 09:00 EST (14:00Z), the day after the clocks went back, so its weeks are:
 *   this week      (Mon 26 Oct 09:00 EDT = 13:00Z, Mon 2 Nov 09:00 EST = 14:00Z]   (169 hours)
 *   previous week  (Mon 19 Oct 13:00Z, Mon 26 Oct 13:00Z]
 * Everything is typed through the commands, at the times noted, by:
 *   Cora (coordinator from configuration), Max Mentor (made mentor by Cora), students Ana, Ben,
 *   Cai, Dee (no contacts) and Eve (nothing since 10 Oct).
 * Some contacts carry an email address or a profile link, and Ben writes a note: none of it may
 * ever show in the digest or its CSV.
 */
import { expect } from 'vitest';
import type { CoordinatorSpec } from '../../../src/core/rapport.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from './staffHarness.js';

export const TIMEZONE = 'America/New_York';
/** The digest's time. */
export const AT = '2026-11-02T14:00:00Z';

export const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
export const max: PersonSpec = { id: 'UMAX', name: 'Max Mentor' };
export const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };
export const ben: PersonSpec = { id: 'UBEN', name: 'Ben Brook' };
export const cai: PersonSpec = { id: 'UCAI', name: 'Cai Chen' };
export const dee: PersonSpec = { id: 'UDEE', name: 'Dee Diaz' };
export const eve: PersonSpec = { id: 'UEVE', name: 'Eve Evans' };

export const SECRET_NOTE = 'TOPSECRET the team is reorganising';
/** Contact details typed with the contacts: never in the digest. */
export const SECRET_DETAILS = [
  'jane.doe@figma.example',
  'omar@acme.example',
  'https://example.org/in/sam-lee',
];

/**
 * Opens a harness with the organization seeded; the clock is left at `AT`. `coordinators` adds
 * first coordinators (of other organizations) to Cora.
 */
export async function openSeededWeek(
  options: { coordinators?: readonly CoordinatorSpec[] } = {},
): Promise<StaffHarness> {
  const h = await openStaffHarness({
    start: '2026-10-10T13:00:00Z',
    timezone: TIMEZONE,
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }, ...(options.coordinators ?? [])],
  });
  const run = async (who: PersonSpec, text: string, at: string) => {
    const out = await h.say(who, text, at);
    // Every step of the story must succeed; a refusal here would make the figures meaningless.
    expect(out, `${who.name}: ${text}`).not.toMatch(/Usage:|Sorry|could not|couldn't|Only /);
    return out;
  };
  for (const person of [max, dee]) await h.as(person);
  await run(cora, 'role <@UMAX|max> mentor', '2026-10-10T13:00:00Z');
  // Eve: two contacts on 10 Oct, one declined; nothing after.
  await run(eve, 'add Old Contact at Nowhere', '2026-10-10T14:00:00Z');
  await run(eve, 'add Zoe Park at Beta', '2026-10-10T14:05:00Z');
  await run(eve, 'decline zoe', '2026-10-10T14:05:00Z');
  // Previous week.
  await run(ana, 'add Jane Doe at Figma jane.doe@figma.example', '2026-10-20T15:00:00Z');
  await run(ana, 'reached 1', '2026-10-20T15:05:00Z');
  await run(ben, 'add Jane Doe at Figma', '2026-10-21T15:00:00Z');
  await run(ben, 'reached jane', '2026-10-21T15:05:00Z');
  await run(ben, 'add Li Wu at Bank', '2026-10-21T15:10:00Z');
  await run(ben, 'reached li', '2026-10-21T15:15:00Z');
  await run(ben, 'scheduled jane 2026-10-23 10:00', '2026-10-22T16:00:00Z'); // 14:00Z, 30 min
  await run(max, 'log <@UBEN|ben> on 2026-10-22 11:00', '2026-10-22T18:00:00Z'); // 15:00Z, mentor only
  await run(ben, 'met jane', '2026-10-23T15:00:00Z'); // meeting 14:00-14:30Z
  await run(ben, 'thanked jane', '2026-10-24T02:30:00Z'); // 12 h after the meeting ended
  // This week.
  await run(cai, 'add jane doe at FIGMA', '2026-10-27T14:00:00Z');
  await run(cai, 'reached 1', '2026-10-27T14:01:00Z');
  await run(cai, 'add Sam Lee at Stripe https://example.org/in/sam-lee', '2026-10-27T14:10:00Z');
  await run(cai, 'reached sam', '2026-10-27T14:15:00Z');
  await run(cai, 'scheduled sam 2026-10-28 10:00', '2026-10-27T14:20:00Z'); // 14:00Z, 30 min
  await run(ana, 'add Omar Fay at Acme omar@acme.example', '2026-10-28T14:00:00Z');
  await run(ana, 'reached omar', '2026-10-28T14:01:00Z');
  await run(ana, 'add Max Mentor at University', '2026-10-28T14:05:00Z');
  await run(cai, 'met sam', '2026-10-28T14:30:00Z'); // meeting 14:00-14:30Z
  await run(ana, 'reached jane', '2026-10-29T14:00:00Z'); // a follow-up
  await run(ana, 'met max', '2026-10-29T15:00:00Z'); // meeting 14:30-15:00Z, logged by Ana
  await run(ana, 'thanked max', '2026-10-29T20:00:00Z'); // 5 h after the meeting ended
  await run(cai, 'thanked sam', '2026-10-30T02:30:00Z'); // 36 h after the meeting ended
  await run(max, 'log <@UANA|ana> on 2026-10-29 10:30', '2026-10-30T14:00:00Z'); // confirms Ana's meeting
  await run(max, 'log <@UCAI|cai> on 2026-10-30 11:00 for 45 min', '2026-10-31T14:00:00Z'); // 15:00Z, mentor only
  await run(ana, 'move omar thanked', '2026-10-31T14:00:00Z'); // a thank-you with no meeting on record
  await run(cai, 'reached jane', '2026-10-31T15:00:00Z'); // a follow-up
  await run(ben, `note jane ${SECRET_NOTE}`, '2026-11-01T15:00:00Z');
  h.clock.set(AT);
  return h;
}
