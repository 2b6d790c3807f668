/**
 * The engine choice: PostgreSQL through postgres.js when DATABASE_URL is set, else embedded
 * PGlite persisted in the data directory. Both run the same drizzle migrations at open.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Store } from '../core/store.js';
import * as schema from './schema.js';
import { createStore } from './store.js';

export type Schema = typeof schema;
/** A drizzle database or transaction, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  store: Store;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; unset means embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's directory; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Apply pending migrations at open (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /**
   * An in-memory PGlite starts from this data directory dump (`dumpDataDir`) instead of running
   * initdb: tests build one migrated template and load it per test file.
   */
  pgliteTemplate?: Blob;
  /**
   * Told of every SQL statement drizzle sends (BEGIN and COMMIT aside), on either driver:
   * `npm run bench -- statements` counts them. Unset (the default), nothing is wrapped.
   */
  onStatement?: (sql: string) => void;
}

/** drizzle's query logger, only when a statement watcher is asked for. */
function statementLogger(options: OpenOptions): { logger?: { logQuery(query: string): void } } {
  const watch = options.onStatement;
  return watch ? { logger: { logQuery: (query: string) => watch(query) } } : {};
}

/** Another process already holds the embedded database directory. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already in use by another Rapport process (pid ${pid}); stop it, or set RAPPORT_DATA_DIR to another directory.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/**
 * The embedded engine's modules, loaded only when it is used: a replica on PostgreSQL never
 * needs them (about 3.5 MB of memory).
 */
async function embedded() {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  return { PGlite, drizzlePglite, migratePglite };
}

/** Builds a migrated in-memory PGlite and returns its data directory, for `pgliteTemplate`. */
export async function buildPgliteTemplate(): Promise<Blob> {
  const { PGlite, drizzlePglite, migratePglite } = await embedded();
  const client = new PGlite();
  await client.waitReady;
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}

/** Migrations live at the repository root, beside src/ and dist/. */
export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/** An arbitrary constant: every Rapport process migrating the same PostgreSQL takes this lock. */
const MIGRATION_LOCK_KEY = 727_277_001;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : openPglite(options.dataDir, options);
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  if (options.migrate !== false) await migratePostgresLocked(url);
  const client = postgres(url, { max: options.poolSize ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema, ...statementLogger(options) }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    store: createStore(db),
    ping: () => pingDb(db),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * drizzle's migrator takes no lock; two replicas starting together would race. One dedicated
 * connection holds a session advisory lock while it migrates.
 */
async function migratePostgresLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  const { PGlite, drizzlePglite, migratePglite } = await embedded();
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireDirLock(dataDir);
  try {
    // PGlite's own files live in a subfolder, apart from the lock and the console's saved files.
    const client = inMemory
      ? new PGlite(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {})
      : new PGlite(join(dataDir, 'pglite'));
    await client.waitReady;
    const db = drizzlePglite(client, { schema, ...statementLogger(options) }) as unknown as Db;
    if (options.migrate !== false) {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return {
      kind: 'pglite',
      db,
      store: createStore(db),
      ping: () => pingDb(db),
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * PGlite has one connection and nothing stops a second process from opening the same directory
 * (which corrupts it), so a lock file with our pid guards it. A lock left by a dead process is
 * taken over.
 */
function acquireDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'rapport.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      // Our own pid counts too: two PGlite instances in one process corrupt the directory alike.
      if (Number.isInteger(holder) && (holder === process.pid || isAlive(holder))) {
        throw new DatabaseLockedError(dataDir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
