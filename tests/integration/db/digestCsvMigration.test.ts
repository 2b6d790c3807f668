/**
 * Migration 0001 (`digest_settings.attach_csv`) on a database that already holds digest settings
 * from 0000: the column arrives with `false` for every saved row, on the engine the suite runs on.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../../src/db/engine.js';
import { adminDatabaseUrl, testDatabaseKind } from '../../support/testDatabase.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the migrations folder that stops at 0000_init: the database as it was before. */
function initOnlyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-migrations-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'meta'));
  cpSync(join(MIGRATIONS_FOLDER, '0000_init.sql'), join(dir, '0000_init.sql'));
  cpSync(join(MIGRATIONS_FOLDER, 'meta', '0000_snapshot.json'), join(dir, 'meta', '0000_snapshot.json'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.tag === '0000_init');
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  return dir;
}

type Rows = { rows: Record<string, unknown>[] } | Record<string, unknown>[];
const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: Rows }).rows) as Record<string, unknown>[];

const seed = sql`with org as (insert into organizations (name) values ('Before') returning id)
  insert into digest_settings (org_id, weekday, minute_of_day) select id, 5, 600 from org`;
const read = sql`select weekday, minute_of_day, attach_csv from digest_settings`;

describe(`migration 0001 on ${testDatabaseKind()}`, () => {
  it('when a database from 0000 with saved digest settings is migrated, then attach_csv is added, false for them', async () => {
    if (testDatabaseKind() === 'pglite') {
      const client = new PGlite();
      try {
        const db = drizzlePglite(client);
        await migratePglite(db, { migrationsFolder: initOnlyFolder() });
        await db.execute(seed);
        await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
        expect(rowsOf(await db.execute(read))).toEqual([
          { weekday: 5, minute_of_day: 600, attach_csv: false },
        ]);
      } finally {
        await client.close();
      }
      return;
    }
    const admin = postgres(adminDatabaseUrl()!, { max: 1, onnotice: () => {} });
    const name = `rapport_m1_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminDatabaseUrl()!);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const db = drizzlePostgres(client);
      await migratePostgres(db, { migrationsFolder: initOnlyFolder() });
      await db.execute(seed);
      await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
      expect(rowsOf(await db.execute(read))).toEqual([{ weekday: 5, minute_of_day: 600, attach_csv: false }]);
    } finally {
      await client.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
