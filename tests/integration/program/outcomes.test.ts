/**
 * Outcomes and decisions: a student rates a conversation and decides; both are in their export and
 * gone after forget-me; bad words get one sentence and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactOutcomes, decisions } from '../../../src/db/schema.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from '../digest/staffHarness.js';

const ana: PersonSpec = { id: 'U0ANA00001', name: 'Ana Student' };
let h: StaffHarness;

beforeAll(async () => {
  h = await openStaffHarness({
    start: '2026-11-02T14:00:00Z',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.say(ana, 'add Jane Doe at Figma');
  await h.say(ana, 'met jane');
});
afterAll(async () => {
  await h?.close();
});

describe('outcome and decide', () => {
  it('when the student rates a conversation with a two-word effect, then it is kept, and a second rating replaces it', async () => {
    expect(await h.say(ana, 'outcome jane doe useful new direction')).toContain(
      'your conversation with Jane Doe was useful (new direction)',
    );
    expect(await h.say(ana, 'outcome #1 not ruled out')).toContain('was not useful (ruled out)');
    const rows = await h.db.db.select().from(contactOutcomes);
    expect(rows.map((r) => [r.rating, r.effect])).toEqual([['not', 'ruled out']]);
  });

  it.each([
    ['no rating', 'outcome jane', 'useful, somewhat or not'],
    ['a wrong rating', 'outcome jane great', 'useful, somewhat or not'],
    ['an unknown contact', 'outcome zed useful', 'contact'],
  ])(
    'when the outcome has %s, then one sentence says so and nothing changes',
    async (_what, command, sentence) => {
      const before = JSON.stringify(await h.db.db.select().from(contactOutcomes));
      const out = await h.say(ana, command);
      expect(out).toContain(sentence);
      expect(JSON.stringify(await h.db.db.select().from(contactOutcomes))).toBe(before);
    },
  );

  it('when the student decides, then it is kept; an unknown decision is refused', async () => {
    expect(await h.say(ana, 'decide keep exploring')).toContain('keep exploring');
    expect(await h.say(ana, 'decide maybe')).toContain('keep exploring, focus or change');
    expect(await h.db.db.select().from(decisions)).toHaveLength(1);
  });

  it('when the coordinator reads stats and the digest preview, then outcomes and decisions show as counts only', async () => {
    const cora: PersonSpec = { id: 'UCORA', name: 'Cora' };
    for (const command of ['stats', 'digest preview']) {
      const out = await h.say(cora, command);
      expect(out, command).toContain('Conversations rated: 0 useful, 0 somewhat, 1 not');
      expect(out, command).toContain(
        'What they changed: 0 confirmed, 0 new direction, 1 ruled out, 0 unsure',
      );
      expect(out, command).toContain("Students' decisions: 1 keep exploring, 0 focus, 0 change");
    }
  });

  it('when the student exports, then outcomes and decisions are in the JSON; after forget-me they are gone', async () => {
    const exported = await h.reply(ana, 'export');
    const json = String(exported.files?.find((f) => f.filename.endsWith('.json'))?.content ?? '');
    expect(json).toContain('"ruled out"');
    expect(json).toContain('"keep exploring"');
    const code = /forget-me ([A-Z0-9]{6})/.exec(await h.say(ana, 'forget-me'))?.[1];
    expect(await h.say(ana, `forget-me ${code}`)).toContain('deleted');
    expect(await h.db.db.select().from(contactOutcomes)).toHaveLength(0);
    expect(await h.db.db.select().from(decisions)).toHaveLength(0);
  });
});
