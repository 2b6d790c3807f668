/**
 * Whether the database holds every migration this build ships: what `/readyz` asks besides "does
 * the database answer". A replica of an older build still serves a newer schema (migrations only
 * add), so the check is "the latest migration here is applied", not "nothing newer exists".
 */
import { max } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { type Db, MIGRATIONS_FOLDER } from './engine.js';

/**
 * drizzle's own bookkeeping table (schema `drizzle`), where both migrators record each migration
 * applied with its folder timestamp. Declared here, not in schema.ts, so drizzle-kit leaves it be.
 */
const appliedMigrations = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

let latestShipped: number | undefined;

/** The folder timestamp of the newest migration in migrations/, read once. */
function latestMigration(): number {
  latestShipped ??= Math.max(
    0,
    ...readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis),
  );
  return latestShipped;
}

/** True when the newest shipped migration is applied; rejects when the database does not answer. */
export async function schemaIsCurrent(db: Db): Promise<boolean> {
  const [row] = await db.select({ latest: max(appliedMigrations.createdAt) }).from(appliedMigrations);
  return Number(row?.latest ?? 0) >= latestMigration();
}
