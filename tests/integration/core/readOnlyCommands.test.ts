/**
 * Commands that only read run without a transaction (no BEGIN and COMMIT round trips), and that is
 * safe only if they really write nothing: every command marked `readOnly` is run here on a student
 * with contacts, questions and a meeting, and every table is compared before and after (the
 * person's hourly "last active" stamp aside, which the context statement writes on its own).
 * Commands that change something still run in one transaction.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_REFERENCES } from '../../../src/bot/references.js';
import type { Actor } from '../../../src/core/command.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { Rapport } from '../../../src/core/rapport.js';
import type { Store } from '../../../src/core/store.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

const now = new Date('2026-11-16T20:00:00Z');
let db: TestDatabase;
let rapport: Rapport;
let actor: Actor;
const opened = { transaction: 0, direct: 0 };

/** The real store, counting the units of work it opens. */
function countingStore(store: Store): Store {
  return {
    transaction: (fn) => {
      opened.transaction++;
      return store.transaction(fn);
    },
    direct: (fn) => {
      opened.direct++;
      return store.direct(fn);
    },
  };
}

/** The rows of a raw statement's result, on PostgreSQL (an array) and on PGlite (`rows`). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Every row of every table of the public schema, as text, without `persons.last_active_at`. */
async function everything(): Promise<string> {
  const tables = rowsOf<{ name: string }>(
    await db.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    ),
  );
  const out: string[] = [];
  for (const { name } of tables) {
    const [first] = rowsOf<{ rows: string }>(
      await db.db.execute(
        sql`select coalesce(json_agg(t order by t::text), '[]')::text as rows from ${sql.identifier(name)} t`,
      ),
    );
    out.push(`${name}: ${first?.rows.replace(/"last_active_at":"[^"]*"/g, '') ?? ''}`);
  }
  return out.join('\n');
}

beforeAll(async () => {
  db = await openTestDatabase();
  rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store: countingStore(db.store),
    clock: { now: () => now },
    timezone: 'UTC',
    // A coordinator runs every command (mentees included); their list is a student's list.
    coordinators: [{ platform: 'slack', spaceId: 'T-READS', userId: 'U-READS' }],
  });
  actor = await rapport.identify({
    platform: 'slack',
    spaceExternalId: 'T-READS',
    externalUserId: 'U-READS',
    displayName: 'Reading Student',
  });
  for (const text of [
    'add Jane Doe at Figma as UX Researcher via alumni',
    'add Sam Lee at Acme',
    'reached jane by email',
    'scheduled jane next tue 3pm for 30 min video',
    'ask jane What surprised you most in your first year?',
    'note jane Prefers mornings',
  ])
    expect(JSON.stringify(await rapport.runText(actor, text)), text).not.toContain('went wrong');
});
afterAll(async () => {
  await db?.close();
});

/** What each read-only command is run with: a contact to show, a command to explain. */
const TEXTS: Record<string, string[]> = {
  list: ['list', 'list scheduled'],
  show: ['show jane', 'show nobody'],
  questions: ['questions jane'],
  help: ['help', 'help add'],
  settings: ['settings'],
  mentees: ['mentees'],
};

describe('commands that only read', () => {
  it('are the ones this test runs, so a newly marked command gets its check here too', () => {
    expect(
      COMMANDS.filter((c) => c.readOnly)
        .map((c) => c.name)
        .sort(),
    ).toEqual(Object.keys(TEXTS).sort());
  });

  it('when each runs, then it opens no transaction, answers, and no table changes', async () => {
    const before = await everything();
    for (const [name, texts] of Object.entries(TEXTS)) {
      for (const text of texts) {
        opened.transaction = 0;
        opened.direct = 0;
        const reply = JSON.stringify(await rapport.runText(actor, text));
        expect(reply, text).not.toContain('went wrong');
        // It ran (a refused command reads nothing): its context, then its own statements.
        expect(opened, `${name}: ${text}`).toEqual({ transaction: 0, direct: 2 });
      }
    }
    expect(await everything()).toBe(before);
  });

  it('when a command changes something, then it runs in one transaction, with its context read before it', async () => {
    opened.transaction = 0;
    opened.direct = 0;
    await rapport.runText(actor, 'note sam Met at the career fair');
    expect(opened).toEqual({ transaction: 1, direct: 1 });
    expect(JSON.stringify(await rapport.runText(actor, 'show sam'))).toContain('career fair');
  });

  it('when a read-only command fails its arguments, then the person gets the usage line', async () => {
    const reply = JSON.stringify(await rapport.runText(actor, 'show'));
    expect(reply).toContain('show <contact>');
  });
});
