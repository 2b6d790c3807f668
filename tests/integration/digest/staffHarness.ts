/**
 * A real Rapport on a real database, with every command (the core list, the mentor's and the
 * coordinator's), first coordinators from configuration and a clock the test moves. People are
 * re-identified before each command, the way the adapters do it, so a role change shows at once.
 */

import { renderReply } from '../../../src/bot/console/consoleRenderer.js';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import type { Actor, Command, RawArgs } from '../../../src/core/command.js';
import type { ChartRenderer } from '../../../src/core/digest/digestPorts.js';
import type { IdentityInput } from '../../../src/core/people/peoplePorts.js';
import { type CoordinatorSpec, Rapport } from '../../../src/core/rapport.js';
import type { Reply } from '../../../src/core/reply.js';
import { FakeChannels } from '../../support/fakeChannels.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

export interface PersonSpec {
  /** Alphanumeric: Slack mentions of it are `<@ID|name>`. */
  id: string;
  name: string;
  team?: string;
  platform?: IdentityInput['platform'];
}

export interface StaffHarness {
  db: TestDatabase;
  rapport: Rapport;
  clock: { now(): Date; set(iso: string | Date): void };
  errors: unknown[];
  /** The channels `digest channel` may find, by platform and space (none until a test adds them). */
  channels: FakeChannels;
  /** Identifies a person (creating them on first use) and returns a fresh Actor. */
  as(person: PersonSpec): Promise<Actor>;
  /** Runs a text command as the person, at `at` when given, and returns the console text. */
  say(person: PersonSpec, text: string, at?: string): Promise<string>;
  reply(person: PersonSpec, text: string, at?: string): Promise<Reply>;
  /** Runs a command the way Discord sends it: its path and typed options. */
  options(person: PersonSpec, command: Command, args: RawArgs): Promise<Reply>;
  /**
   * Runs a command by its name through its Discord path (for `digest log` and `space ...`, whose
   * text form waits for the text grammar's group table to learn them).
   */
  command(person: PersonSpec, name: string, args?: RawArgs, at?: string): Promise<string>;
  close(): Promise<void>;
}

export const plain = (reply: Reply): string => renderReply(reply, { color: false });

export async function openStaffHarness(options: {
  start?: string;
  timezone?: string;
  coordinators?: readonly CoordinatorSpec[];
  chart?: ChartRenderer;
}): Promise<StaffHarness> {
  const db = await openTestDatabase();
  let now = new Date(options.start ?? '2026-11-02T14:00:00Z');
  const clock = {
    now: () => now,
    set: (to: string | Date) => {
      now = new Date(to);
    },
  };
  const errors: unknown[] = [];
  const channels = new FakeChannels();
  const rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store: db.store,
    clock,
    timezone: options.timezone ?? 'UTC',
    coordinators: options.coordinators ?? [],
    logger: { error: (fields) => errors.push(fields), warn: () => {}, info: () => {} },
    ...(options.chart ? { chart: options.chart } : {}),
    channels,
  });
  const as = (p: PersonSpec) =>
    rapport.identify({
      platform: p.platform ?? 'slack',
      spaceExternalId: p.team ?? 'TUNIV',
      spaceName: 'University',
      externalUserId: p.id,
      displayName: p.name,
    });
  const reply = async (p: PersonSpec, text: string, at?: string) => {
    if (at) clock.set(at);
    return rapport.runText(await as(p), text);
  };
  const runOptions = async (p: PersonSpec, command: Command, args: RawArgs) =>
    rapport.runOptions(await as(p), command.name, args);
  return {
    db,
    rapport,
    clock,
    errors,
    channels,
    as,
    reply,
    say: async (p, text, at) => plain(await reply(p, text, at)),
    options: runOptions,
    command: async (p, name, args = {}, at) => {
      if (at) clock.set(at);
      const found = rapport.commands.find((c) => c.name === name);
      if (!found) throw new Error(`no command ${name}`);
      return plain(await runOptions(p, found, args));
    },
    close: () => db.close(),
  };
}
