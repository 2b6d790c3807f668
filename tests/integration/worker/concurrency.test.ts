import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { type PassSummary, runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { type Database, openDatabase } from '../../../src/db/engine.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { FakeNotifier } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../../support/testDatabase.js';
import { seedNudges, seedOrg, seedStudents, statusCounts, UNPACED } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const NUDGES = 5_000;
const WORKERS = 4;
const options: Partial<WorkerOptions> = {
  batchSize: 100,
  concurrency: 8,
  rateLimits: { slack: UNPACED },
};

/**
 * On PostgreSQL each worker has its own postgres.js pool, as separate processes would. PGlite has
 * one connection per process, so there the four workers interleave on it.
 */
describe(`when ${WORKERS} workers run passes at once over ${NUDGES} due nudges (${testDatabaseKind()}: ${
  testDatabaseKind() === 'postgres' ? 'one pool each' : 'one shared connection'
})`, () => {
  let database: TestDatabase;
  const pools: Database[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    const org = await seedOrg(database.db);
    const students = await seedStudents(database.db, org, NUDGES / 5, { withDmChannel: true });
    const due = new Date('2026-12-01T09:00:00Z');
    await seedNudges(
      database.db,
      org,
      Array.from({ length: NUDGES }, (_, i) => ({
        personId: students[i % students.length]!,
        dueAt: new Date(due.getTime() + (i % 600) * 1000),
      })),
    );
    for (let i = 0; i < WORKERS; i += 1) {
      pools.push(
        database.url
          ? await openDatabase({
              databaseUrl: database.url,
              dataDir: 'memory://',
              migrate: false,
              poolSize: 4,
            })
          : database,
      );
    }
  }, 180_000);

  afterAll(async () => {
    for (const pool of pools) if (pool !== database) await pool.close();
    await database?.close();
  });

  it('then each nudge is delivered exactly once', async () => {
    const receiver = new FakeNotifier('slack');
    const now = new Date('2026-12-01T10:00:00Z');
    const perWorker: PassSummary[][] = pools.map(() => []);

    await Promise.all(
      pools.map(async (pool, w) => {
        for (;;) {
          const summary = await runPass({
            db: pool.db,
            outbox: nudgeOutbox(pool.db),
            clock: { now: () => now },
            notifiers: new Map([['slack', receiver]]),
            logger,
            options: { ...options, workerId: `w${w}` },
          });
          perWorker[w]!.push(summary);
          if (summary.claimed === 0) return;
        }
      }),
    );

    const counts = receiver.deliveryCounts();
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const claimedBy = perWorker.map((passes) => passes.reduce((sum, s) => sum + s.claimed, 0));
    console.log(
      `${WORKERS} workers, ${NUDGES} nudges: delivered ${counts.size}, duplicated ${duplicated}, claimed per worker ${claimedBy.join('/')}`,
    );
    expect(receiver.sends).toHaveLength(NUDGES);
    expect(counts.size).toBe(NUDGES);
    expect(duplicated).toBe(0);
    expect(claimedBy.reduce((a, b) => a + b, 0)).toBe(NUDGES);
    expect(await statusCounts(database.db)).toEqual({ sent: NUDGES });
    if (database.url) expect(claimedBy.every((n) => n > 0)).toBe(true);
  }, 300_000);
});
