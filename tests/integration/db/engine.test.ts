import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError, openDatabase } from '../../../src/db/engine.js';
import { adminDatabaseUrl, openTestDatabase, testDatabaseKind } from '../../support/testDatabase.js';

const EXPECTED_TABLES = [
  'contacts',
  'digest_log',
  'digest_settings',
  'identities',
  'meetings',
  'nudges',
  'one_time_codes',
  'organizations',
  'persons',
  'processed_requests',
  'questions',
  'spaces',
  'timeline_events',
];

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function tableNames(db: Awaited<ReturnType<typeof openTestDatabase>>): Promise<string[]> {
  const result = await db.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: { table_name: string }[] }).rows) as {
    table_name: string;
  }[];
  return rows.map((r) => r.table_name);
}

describe(`migrations on ${testDatabaseKind()}`, () => {
  it('when the database opens, then every table of the schema exists and it answers', async () => {
    const db = await openTestDatabase();
    try {
      expect(db.kind).toBe(testDatabaseKind());
      expect(await tableNames(db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
      expect(await db.ping()).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('when the due-nudge index is declared, then it is partial on pending rows', async () => {
    const db = await openTestDatabase();
    try {
      const result = await db.db.execute<{ indexdef: string }>(
        sql`select indexdef from pg_indexes where indexname = 'nudges_pending_due_idx'`,
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: { indexdef: string }[] }).rows) as {
        indexdef: string;
      }[];
      expect(rows[0]?.indexdef).toMatch(/WHERE \(status = 'pending'::nudge_status\)/);
    } finally {
      await db.close();
    }
  });
});

// Each test here opens PGlite in a real directory (initdb, then a reopen): seconds each, and
// tens of seconds on a loaded 2-core machine.
describe('the embedded engine', { timeout: 120_000 }, () => {
  it('when no DATABASE_URL is given, then PGlite opens in the data directory and keeps its rows', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    await first.store.transaction((repos) =>
      repos.directory.resolve(
        { platform: 'console', spaceExternalId: 'local', externalUserId: 'me', displayName: 'Me' },
        { timezone: 'UTC', coordinator: false },
      ),
    );
    await first.close();
    expect(existsSync(join(dir, 'pglite'))).toBe(true);

    const again = await openDatabase({ dataDir: dir });
    const people = await again.db.execute(sql`select count(*)::int as n from persons`);
    const rows = (Array.isArray(people) ? people : (people as { rows: { n: number }[] }).rows) as {
      n: number;
    }[];
    expect(rows[0]?.n).toBe(1);
    await again.close();
  });

  it('when another process holds the data directory, then opening it is refused with a clear sentence', async () => {
    const dir = tempDir();
    // Our parent process is alive for sure: its pid stands for "another Rapport process".
    writeFileSync(join(dir, 'rapport.lock'), String(process.ppid));
    const attempt = openDatabase({ dataDir: dir });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(attempt).rejects.toThrow(/already in use by another Rapport process .*RAPPORT_DATA_DIR/);
  });

  it('when the lock was left by a process that is gone, then it is taken over', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'rapport.lock'), '999999999');
    const db = await openDatabase({ dataDir: dir });
    expect(await db.ping()).toBe(true);
    await db.close();
    expect(existsSync(join(dir, 'rapport.lock'))).toBe(false);
  });

  it('when the same process opens the directory twice, then the second open is refused', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DatabaseLockedError);
    } finally {
      await first.close();
    }
  });
});

describe.skipIf(testDatabaseKind() !== 'postgres')('PostgreSQL (runs when DATABASE_URL is set)', () => {
  it('when two replicas migrate the same fresh database at once, then the advisory lock lets one apply each migration', async () => {
    const admin = postgres(adminDatabaseUrl()!, { max: 1, onnotice: () => {} });
    const name = `rapport_race_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminDatabaseUrl()!);
    url.pathname = `/${name}`;
    try {
      const [a, b] = await Promise.all([
        openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' }),
        openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' }),
      ]);
      expect(a.kind).toBe('postgres');
      const applied = await a.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const rows = (Array.isArray(applied) ? applied : (applied as { rows: { n: number }[] }).rows) as {
        n: number;
      }[];
      const journal = (await import('../../../migrations/meta/_journal.json', { with: { type: 'json' } }))
        .default;
      expect(rows[0]?.n).toBe(journal.entries.length);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it('when the server cannot be reached, then ping says so instead of throwing', async () => {
    const db = await openDatabase({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
      dataDir: 'unused',
      migrate: false,
    });
    expect(await db.ping()).toBe(false);
    await db.close();
  });
});
