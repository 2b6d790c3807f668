/**
 * A throwaway PostgreSQL database for a benchmark: created on the server DATABASE_URL names,
 * migrated, and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../src/db/engine.js';

export interface ScratchDatabase {
  database: Database;
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

export async function createScratchDatabase(
  adminUrl: string,
  poolSize = 10,
  onStatement?: (sql: string) => void,
): Promise<ScratchDatabase> {
  // The name is ours (hex), never user input; CREATE DATABASE takes no bound parameters.
  const name = `rapport_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    poolSize,
    ...(onStatement ? { onStatement } : {}),
  });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
