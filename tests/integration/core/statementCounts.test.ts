/**
 * Issue 12's round-trip targets, held: each student command sends no more SQL statements than
 * its target (BEGIN and COMMIT aside, as `npm run bench -- statements` counts them), and the same
 * number whether the student has 2 contacts or 12.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import type { Actor } from '../../../src/core/command.js';
import { Rapport } from '../../../src/core/rapport.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

const TARGETS: [string, number][] = [
  ['list', 2],
  ['show', 3],
  ['add', 4],
  ['reached', 6],
  ['scheduled', 7],
  ['met', 6],
  ['thanked', 6],
];

const start = new Date('2026-11-16T20:00:00Z');
let db: TestDatabase;
let rapport: Rapport;
let now = start;
let counting = false;
let statements = 0;

beforeAll(async () => {
  db = await openTestDatabase({
    onStatement: () => {
      if (counting) statements++;
    },
  });
  rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store: db.store,
    clock: { now: () => now },
    timezone: 'UTC',
    coordinators: [],
  });
});
afterAll(async () => {
  await db?.close();
});

/** Each command on the contact "Pat Middle", with `met` after the meeting has happened. */
async function countsFor(size: number): Promise<Map<string, number>> {
  now = start;
  const actor: Actor = await rapport.identify({
    platform: 'slack',
    spaceExternalId: 'T-COUNT',
    externalUserId: `U-${size}`,
    displayName: `Student ${size}`,
  });
  for (let i = 0; i < size; i++)
    await rapport.runText(actor, i === size / 2 ? 'add Pat Middle at Acme' : `add Sam Other${i} at Org${i}`);
  const commands: [string, string][] = [
    ['list', 'list'],
    ['show', 'show middle'],
    ['add', 'add Robin Newcomer at Acme as Analyst via alumni'],
    ['reached', 'reached middle by email'],
    ['scheduled', 'scheduled middle next tue 3pm for 30 min video'],
    ['met', 'met middle learned about research ops'],
    ['thanked', 'thanked middle'],
  ];
  const counts = new Map<string, number>();
  for (const [name, text] of commands) {
    if (name === 'met') now = new Date(start.getTime() + 10 * 24 * 60 * 60 * 1000);
    statements = 0;
    counting = true;
    const reply = JSON.stringify(await rapport.runText(actor, text));
    counting = false;
    expect(reply, text).not.toContain('went wrong');
    expect(reply, text).not.toContain('anyway');
    counts.set(name, statements);
  }
  return counts;
}

describe('round trips per student command', () => {
  it('when a student runs each pipeline command, then each sends at most its target of statements, as many with 12 contacts as with 2', async () => {
    const few = await countsFor(2);
    const many = await countsFor(12);
    for (const [name, target] of TARGETS) {
      expect(few.get(name), name).toBeLessThanOrEqual(target);
      expect(many.get(name), name).toBe(few.get(name));
    }
  });
});
