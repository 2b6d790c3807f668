/**
 * The observer port of the Rapport facade: every dispatch is reported once, by platform, the
 * command's name and how it ended, never with who asked or what they typed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../../src/core/commandObserver.js';
import { type Harness, openHarness } from '../../support/coreHarness.js';

let h: Harness;
let events: CommandEvent[];
let tick: number;

beforeEach(async () => {
  events = [];
  tick = 0;
  // Each reading of the monotonic clock is 5 ms after the last: every command "takes" 5 ms.
  h = await openHarness('2026-11-23T15:00:00Z', 'UTC', {
    observer: { monotonicMs: () => (tick += 5), onCommand: (event) => events.push(event) },
  });
});
afterEach(async () => {
  await h.close();
});

const outcomes = () => events.map((e) => [e.platform, e.command, e.outcome]);

describe('the command observer', () => {
  it('when commands succeed, are refused or are unknown, then each is reported once with its outcome', async () => {
    const student = await h.person({ displayName: 'Maria Lopez' });
    await h.say(student, 'add Jane Doe at Figma');
    await h.say(student, 'show nobody-by-that-name');
    await h.say(student, 'scheduled');
    await h.say(student, 'digest channel C123');
    await h.say(student, 'frobnicate Maria secret words');
    expect(outcomes()).toEqual([
      ['slack', 'add', 'ok'],
      ['slack', 'show', 'invalid'],
      ['slack', 'scheduled', 'invalid'],
      ['slack', 'digest channel', 'forbidden'],
      ['slack', 'unknown', 'unknown'],
    ]);
    expect(events.every((e) => e.ms === 5)).toBe(true);
    // What was typed and who typed it never reach the observer.
    expect(JSON.stringify(events)).not.toMatch(/frobnicate|Maria|secret|Jane|U\d/);
  });

  it('when a command by name (as Discord sends it), a button and the home view are dispatched, then they are reported too', async () => {
    const student = await h.person({ platform: 'discord', spaceExternalId: '111', externalUserId: '222' });
    await h.rapport.runOptions(student, 'list', {});
    await h.rapport.runOptions(student, 'nonsense', {});
    await h.rapport.runAction(student, 'contact_show', 'not-a-uuid');
    await h.rapport.home(student);
    expect(outcomes()).toEqual([
      ['discord', 'list', 'ok'],
      ['discord', 'unknown', 'unknown'],
      ['discord', 'button', 'invalid'],
      ['discord', 'home', 'ok'],
    ]);
  });

  it('when the database fails mid-command, then the outcome is failed and the person still gets the apology', async () => {
    const student = await h.person();
    await h.db.close();
    expect(await h.say(student, 'list')).toContain('Sorry, something went wrong');
    expect(outcomes()).toEqual([['slack', 'list', 'failed']]);
    h = await openHarness();
  });

  it('when the observer throws, then the person still gets the reply', async () => {
    await h.close();
    h = await openHarness('2026-11-23T15:00:00Z', 'UTC', {
      observer: {
        monotonicMs: () => 0,
        onCommand: () => {
          throw new Error('metrics bug');
        },
      },
    });
    const student = await h.person();
    expect(await h.say(student, 'add Jane Doe')).toContain('Jane Doe');
  });
});
