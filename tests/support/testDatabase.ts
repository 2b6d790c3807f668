/**
 * A fresh, isolated database for one test file: a new PostgreSQL database when DATABASE_URL is
 * set (CI), else in-memory PGlite. Migrations run as they do at start.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/engine.js';

export interface TestDatabase extends Database {
  /** The connection string of this test's own PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
}

/** Which engine the suite runs on. */
export function testDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

/** The server's connection string, for tests that need their own pools (PostgreSQL only). */
export function adminDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

let template: Blob | undefined;

/** The migrated PGlite dump built by globalSetup.ts, read once per test file. */
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplate');
  if (!file) return undefined;
  template ??= new Blob([readFileSync(file)]);
  return template;
}

/**
 * Puts the migrated template into `dataDir` where `npm start` keeps its embedded database, so a
 * child process opens it in a second instead of running initdb. False (and nothing written) when
 * this run has no template (the PostgreSQL run): the child then creates its database itself.
 */
export async function seedPgliteDir(dataDir: string): Promise<boolean> {
  const template = pgliteTemplate();
  if (!template) return false;
  const client = new PGlite(join(dataDir, 'pglite'), { loadDataDir: template });
  await client.waitReady;
  await client.close();
  return true;
}

export async function openTestDatabase(
  options: { poolSize?: number; onStatement?: (sql: string) => void } = {},
): Promise<TestDatabase> {
  const adminUrl = adminDatabaseUrl();
  const watch = options.onStatement ? { onStatement: options.onStatement } : {};
  if (!adminUrl) {
    const db = await openDatabase({ dataDir: 'memory://', pgliteTemplate: pgliteTemplate(), ...watch });
    return { ...db, url: undefined };
  }
  const name = `rapport_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    poolSize: options.poolSize ?? 5,
    ...watch,
  });
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
