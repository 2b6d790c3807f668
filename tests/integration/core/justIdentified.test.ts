/**
 * An adapter identifies the person right before each command. The command then starts from the
 * rows identify just read instead of reading them again (one round trip fewer per command), but
 * only once, and only just after: an actor held across commands, or used later, reads them afresh.
 * The person is still stamped active once an hour either way.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityInput } from '../../../src/core/people/peoplePorts.js';
import type { Rapport } from '../../../src/core/rapport.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

const start = new Date('2026-11-16T20:00:00Z');
let h: Harness;
let rapport: Rapport;
const sent: string[] = [];
let watching = false;

const student: IdentityInput = {
  platform: 'slack',
  spaceExternalId: 'T-JUST',
  externalUserId: 'U-JUST',
  displayName: 'Just Student',
};

beforeAll(async () => {
  const watch = (statement: string) => {
    if (watching) sent.push(statement);
  };
  h = await openHarness(start.toISOString(), 'UTC', {}, { onStatement: watch });
  rapport = h.rapport;
  await rapport.runText(await rapport.identify(student), 'add Jane Doe at Figma');
});
afterAll(async () => {
  await h?.close();
});

/** The statements `work` sends. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  watching = true;
  try {
    await work();
    return [...sent];
  } finally {
    watching = false;
  }
}

const readsContext = (statements: string[]) => statements.filter((s) => /"touched"/.test(s)).length;

async function lastActive(): Promise<string> {
  const result = await h.db.db.execute(
    sql`select last_active_at::text as at from persons where display_name = 'Just Student'`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { at: string }[];
  return rows[0]?.at ?? '';
}

describe('a command run right after identify', () => {
  it('when the adapter identifies and runs at once, then the person and organization are not read again', async () => {
    const statements = await statementsOf(async () => {
      const actor = await rapport.identify(student);
      await rapport.runText(actor, 'list');
    });
    // identify's one read, the list: no context statement between them.
    expect(readsContext(statements)).toBe(0);
    expect(statements).toHaveLength(2);
  });

  it('when the same actor runs a second command, then that one reads the rows afresh', async () => {
    const actor = await rapport.identify(student);
    await rapport.runText(actor, 'settings tz America/Chicago');
    const statements = await statementsOf(() => rapport.runText(actor, 'settings'));
    expect(readsContext(statements)).toBe(1);
    expect(JSON.stringify(await rapport.runText(actor, 'settings'))).toContain('America/Chicago');
    await rapport.runText(actor, 'settings tz UTC');
  });

  it('when more than a second passed since identify, then the command reads the rows afresh', async () => {
    const actor = await rapport.identify(student);
    h.clock.advance(1001);
    const statements = await statementsOf(() => rapport.runText(actor, 'list'));
    expect(readsContext(statements)).toBe(1);
  });

  it('when the person was last active over an hour ago, then a command right after identify stamps them active', async () => {
    h.clock.set(new Date(start.getTime() + 3 * 60 * 60 * 1000));
    const actor = await rapport.identify(student);
    await rapport.runText(actor, 'list');
    expect(new Date(await lastActive()).getTime()).toBe(h.clock.now().getTime());
    // Within the hour: no write.
    h.clock.advance(10 * 60 * 1000);
    const statements = await statementsOf(async () =>
      rapport.runText(await rapport.identify(student), 'list'),
    );
    expect(statements.filter((s) => /^update/i.test(s.trim()))).toEqual([]);
  });
});
