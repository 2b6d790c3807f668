/**
 * A real Rapport on a real database with a clock the test moves, and helpers to talk to it the
 * way the console does: the Slack text form in, plain text out.
 */

import { renderReply } from '../../src/bot/console/consoleRenderer.js';
import { PLATFORM_REFERENCES } from '../../src/bot/references.js';
import type { Actor } from '../../src/core/command.js';
import type { IdentityInput } from '../../src/core/people/peoplePorts.js';
import { Rapport, type RapportDeps } from '../../src/core/rapport.js';
import type { Reply } from '../../src/core/reply.js';
import { openTestDatabase, type TestDatabase } from './testDatabase.js';

export interface Harness {
  db: TestDatabase;
  rapport: Rapport;
  clock: { now(): Date; set(iso: string | Date): void; advance(ms: number): void };
  errors: unknown[];
  person(input?: Partial<IdentityInput>): Promise<Actor>;
  /** Runs a text command and returns the reply as the console prints it (no colour). */
  say(actor: Actor, text: string): Promise<string>;
  reply(actor: Actor, text: string): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * `deps` adds to (or replaces) what the harness gives Rapport, such as an observer; `database`
 * goes to the test database (a statement watcher).
 */
export async function openHarness(
  start = '2026-11-23T15:00:00Z',
  timezone = 'UTC',
  deps: Partial<RapportDeps> = {},
  database: Parameters<typeof openTestDatabase>[0] = {},
): Promise<Harness> {
  const db = await openTestDatabase(database);
  let now = new Date(start);
  const clock = {
    now: () => now,
    set: (to: string | Date) => {
      now = new Date(to);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  const errors: unknown[] = [];
  const rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store: db.store,
    clock,
    timezone,
    coordinators: [],
    logger: { error: (fields) => errors.push(fields), warn: () => {}, info: () => {} },
    ...deps,
  });
  let n = 0;
  return {
    db,
    rapport,
    clock,
    errors,
    person: (input = {}) =>
      rapport.identify({
        platform: 'slack',
        spaceExternalId: 'T-UNIV',
        spaceName: 'University',
        externalUserId: `U${++n}`,
        displayName: `Student ${n}`,
        ...input,
      }),
    say: async (actor, text) => renderReply(await rapport.runText(actor, text), { color: false }),
    reply: (actor, text) => rapport.runText(actor, text),
    close: () => db.close(),
  };
}
