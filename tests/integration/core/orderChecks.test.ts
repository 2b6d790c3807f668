/**
 * Issue 16, order and recovery, on a real database: commands in a surprising order get a one-line
 * check with buttons; a button does it anyway. After forget-me in the console, the next command
 * starts a fresh account.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/command.js';
import type { Reply } from '../../../src/core/reply.js';
import { contacts } from '../../../src/db/schema.js';
import { openConsoleSession } from '../../support/consoleSession.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('2026-12-04T17:00:00Z', 'UTC');
});
afterAll(async () => {
  await h?.close();
});

const buttons = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'actions' ? b.actions : []));
const stageOf = async (me: Actor, name: string) =>
  (
    await h.db.db
      .select({ stage: contacts.stage })
      .from(contacts)
      .where(and(eq(contacts.ownerId, me.personId), eq(contacts.name, name)))
  )[0]?.stage;
const text = (reply: Reply) => JSON.stringify(reply);

describe('one-line checks', () => {
  it('when a contact never met is thanked, then it asks first, and "Thanked anyway" does it', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    const reply = await h.reply(me, 'thanked kwame');
    expect(text(reply)).toContain("You haven't marked a meeting with ");
    expect(await stageOf(me, 'Kwame Mensah')).toBe('identified');
    const anyway = buttons(reply).find((b) => b.label === 'Thanked anyway')!;
    await h.rapport.runAction(me, anyway.id, anyway.value);
    expect(await stageOf(me, 'Kwame Mensah')).toBe('thanked');
  });

  it('when a meeting that is tomorrow is marked met, then it asks first', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    await h.say(me, 'scheduled kwame tomorrow 3pm');
    const reply = await h.reply(me, 'met kwame');
    expect(text(reply)).toContain('still to come');
    expect(await stageOf(me, 'Kwame Mensah')).toBe('scheduled');
    const [anyway] = buttons(reply);
    await h.rapport.runAction(me, anyway!.id, anyway!.value);
    expect(await stageOf(me, 'Kwame Mensah')).toBe('met');
  });

  it('when a thank-you is drafted the day before the meeting, then it asks first', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    await h.say(me, 'scheduled kwame tomorrow 3pm');
    const reply = await h.reply(me, 'draft thanks kwame');
    expect(text(reply)).toContain('a thank-you comes after it');
    const [anyway] = buttons(reply);
    expect(text(await h.rapport.runAction(me, anyway!.id, anyway!.value))).toContain('Draft: thank-you note');
  });

  it('when a snooze would move the prep reminder past the meeting, then it asks first', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    await h.say(me, 'scheduled kwame monday 3pm');
    const reply = await h.reply(me, 'snooze kwame 1 week');
    expect(text(reply)).toContain('past your meeting');
    const [anyway] = buttons(reply);
    expect(text(await h.rapport.runAction(me, anyway!.id, anyway!.value))).toContain('Snoozed 1 reminder');
  });

  it('when a follow-up is drafted after thanking, then it asks first', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    await h.say(me, 'met kwame');
    await h.say(me, 'thanked kwame');
    const reply = await h.reply(me, 'draft followup kwame');
    expect(text(reply)).toContain('You already thanked ');
    expect(buttons(reply)).toHaveLength(1);
  });

  it('when the order is the usual one, then nothing is asked', async () => {
    const me = await h.person();
    await h.say(me, 'add Kwame Mensah');
    expect(await h.say(me, 'met kwame')).toContain('Well done');
    expect(await h.say(me, 'thanked kwame')).toContain('Thank-you sent');
  });
});

describe('forget-me in the console', () => {
  it('when the console user forgets themselves, then the next command starts a fresh account', async () => {
    const { input, written: read, done: session } = openConsoleSession(h.rapport);
    const lines = ['add Jane Doe', 'forget-me', '1', 'list'];
    for (const line of lines) input.write(`${line}\n`);
    input.end();
    await session;
    expect(read()).not.toContain('could not find your account');
    const afterForget = read().slice(read().indexOf('Everything Rapport kept about you is deleted'));
    expect(afterForget).toContain('Your list is empty');
  });
});
