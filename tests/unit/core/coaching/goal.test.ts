import { describe, expect, it } from 'vitest';
import { countByStage, goalView } from '../../../../src/core/coaching/goal.js';
import type { Stage } from '../../../../src/core/domain.js';
import type { Reply } from '../../../../src/core/reply.js';
import { makeContact } from '../nudges/factories.js';

const contactsIn = (...stages: Stage[]) => stages.map((stage, i) => makeContact({ number: i + 1, stage }));

const field = (reply: Reply, label: string): string | undefined => {
  for (const block of reply.blocks) {
    if (block.type !== 'fields') continue;
    const found = block.fields.find((f) => f.label === label);
    if (found) return found.value.join('');
  }
  return undefined;
};

const textOf = (reply: Reply): string =>
  reply.blocks
    .flatMap((b) => (b.type === 'text' ? b.lines : b.type === 'list' ? b.items : []))
    .map((line) =>
      line
        .map((p) => (typeof p === 'string' ? p : 'user' in p ? p.user : 'strong' in p ? p.strong : p.code))
        .join(''),
    )
    .join('\n');

describe('countByStage', () => {
  it('when contacts are in several stages, then each stage is counted and the rest are zero', () => {
    const counts = countByStage(contactsIn('identified', 'identified', 'met', 'archived'));
    expect(counts).toMatchObject({ identified: 2, met: 1, archived: 1, reached_out: 0, thanked: 0 });
  });
});

describe('goalView', () => {
  it('when the list is empty, then it suggests adding the first person', () => {
    const reply = goalView([], 0);
    expect(field(reply, 'On your list')).toBe('0 of about 10');
    expect(field(reply, 'Still to add')).toBe('10');
    expect(field(reply, 'Conversations so far')).toBe('0 (the usual goal is 3 to 4)');
    expect(textOf(reply)).toContain('/rapport add');
  });

  it('when some contacts are closed, then only open ones count towards the 10', () => {
    const reply = goalView(
      contactsIn('identified', 'identified', 'identified', 'reached_out', 'declined', 'no_reply', 'archived'),
      0,
    );
    expect(field(reply, 'On your list')).toBe('4 of about 10');
    expect(field(reply, 'Still to add')).toBe('6');
    expect(textOf(reply)).toContain('Identified: 3');
    expect(textOf(reply)).toContain('Declined: 1');
    expect(textOf(reply)).toMatch(
      /Add 6 more to reach 10, and reach out to the 3 people you have already identified/,
    );
  });

  it('when a met contact has not been thanked, then the next step is the thank-you', () => {
    const reply = goalView(contactsIn('met', 'reached_out'), 1);
    expect(textOf(reply)).toMatch(/1 conversation still waiting for a thank-you/);
  });

  it('when three conversations were held, then the goal is reached and it suggests reflecting', () => {
    const reply = goalView(contactsIn('thanked', 'thanked', 'keeping_in_touch'), 3);
    expect(field(reply, 'Conversations so far')).toBe('3: the usual 3 to 4 reached');
    expect(textOf(reply)).toMatch(/reached the usual goal/);
  });

  it('when the list is full with people identified, then the next step is to reach out', () => {
    const reply = goalView(contactsIn(...Array.from({ length: 10 }, (): Stage => 'identified')), 0);
    expect(field(reply, 'Still to add')).toBe('0');
    expect(textOf(reply)).toMatch(/Reach out to the 10 people you have identified/);
  });

  it('when the rule of thumb is shown, then it names about 10 people and 3 to 4 conversations', () => {
    expect(textOf(goalView([], 0))).toMatch(
      /about 10 people on your list usually lead to 3 to 4 conversations/,
    );
  });
});
