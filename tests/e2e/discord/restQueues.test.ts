/**
 * The Client's REST keeps one request queue per interaction token (for the edits of its
 * @original). They must not pile up for an hour under steady traffic: once a minute the idle ones
 * are let go. Only setInterval is faked, so requests, sockets and the database run for real.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INTERACTION_QUEUE_SWEEP_MS } from '../../../src/bot/discord/interactionRest.js';
import { DiscordHttpBed } from './discordHttpBed.js';

let bed: DiscordHttpBed;

beforeAll(async () => {
  // Before the Client exists: its REST starts its sweeper when it is built.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  bed = await DiscordHttpBed.open();
});
afterAll(async () => {
  vi.useRealTimers();
  await bed?.close();
});

describe("the Discord client's request queues", () => {
  it('when interactions have been answered, then their idle queues are let go within a minute', async () => {
    const students = ['Ana', 'Ben', 'Chloe'].map((name) => bed.user(name));
    for (const student of students) {
      const { edit } = await bed.command(student, { command: 'rapport', subcommand: 'list' });
      expect(edit.status).toBe(200);
    }
    const rest = bed.adapter.client.rest;
    const perToken = () => [...rest.handlers.keys()].filter((key) => key.includes('PATCH:/webhooks/')).length;
    expect(perToken()).toBeGreaterThanOrEqual(students.length);
    // The fake records an edit before it answers it: let discord.js read the last answer.
    for (let turn = 0; turn < 1000 && ![...rest.handlers.values()].every((queue) => queue.inactive); turn++)
      await new Promise(setImmediate);

    vi.advanceTimersByTime(INTERACTION_QUEUE_SWEEP_MS);

    expect(perToken()).toBe(0);
  });
});
