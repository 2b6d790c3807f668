import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { type Database, openDatabase } from '../../../src/db/engine.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { FakeNotifier } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../../support/testDatabase.js';
import { seedNudges, seedOrg, seedStudents, statusCounts, UNPACED } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const NOW = new Date('2026-12-01T10:00:00Z');
const TEN_MINUTES = 10 * 60_000;
const NUDGES = 20;
const IN_FLIGHT = 4;
const options: Partial<WorkerOptions> = {
  batchSize: 50,
  concurrency: IN_FLIGHT,
  // Five minutes: shorter than the skew, so a lease read on the fast worker's clock looks expired.
  leaseMs: 5 * 60_000,
  rateLimits: { slack: UNPACED },
};

/**
 * The review's finding: leases were set and compared with each worker's own clock, so a worker
 * 6 minutes fast took over 40 nudges another was still sending. On PostgreSQL the second worker
 * has its own pool, as a second process would.
 */
describe(`when two workers share a database and one's clock runs 10 minutes fast (${testDatabaseKind()})`, () => {
  let database: TestDatabase;
  let second: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    const org = await seedOrg(database.db);
    const students = await seedStudents(database.db, org, NUDGES, { withDmChannel: true });
    await seedNudges(
      database.db,
      org,
      students.map((personId) => ({ personId, dueAt: new Date(NOW.getTime() - 60_000) })),
    );
    second = database.url
      ? await openDatabase({ databaseUrl: database.url, dataDir: 'memory://', migrate: false, poolSize: 2 })
      : database;
  }, 120_000);

  afterAll(async () => {
    if (second !== database) await second?.close();
    await database?.close();
  });

  it('then the fast one takes over nothing the other still holds, and every nudge goes out once', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let sendsStarted!: () => void;
    const busy = new Promise<void>((resolve) => {
      sendsStarted = resolve;
    });
    // The first worker's sends hang until the gate opens: it holds every claim meanwhile.
    const slow = new FakeNotifier('slack', {
      beforeSend: (index) => {
        if (index === IN_FLIGHT - 1) sendsStarted();
      },
    }).script(
      ...Array.from({ length: NUDGES }, () => async ({ index }: { index: number }) => {
        await gate;
        return { status: 'sent' as const, messageId: `slow-${index}` };
      }),
    );
    const fast = new FakeNotifier('slack');

    const holding = runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: { now: () => NOW },
      notifiers: new Map([['slack', slow]]),
      logger,
      options: { ...options, workerId: 'on-time' },
    });
    await busy;
    const fastPass = await runPass({
      db: second.db,
      outbox: nudgeOutbox(second.db),
      clock: { now: () => new Date(NOW.getTime() + TEN_MINUTES) },
      notifiers: new Map([['slack', fast]]),
      logger,
      options: { ...options, workerId: 'ten-minutes-fast' },
    });
    openGate();
    const held = await holding;

    expect(fastPass).toMatchObject({ claimed: 0, sent: 0 });
    expect(fast.sends).toHaveLength(0);
    expect(held).toMatchObject({ claimed: NUDGES, sent: NUDGES, leaseLost: 0 });
    const counts = [...slow.deliveryCounts().values(), ...fast.deliveryCounts().values()];
    expect(counts).toHaveLength(NUDGES);
    expect(counts.filter((n) => n > 1)).toEqual([]);
    expect(await statusCounts(database.db)).toEqual({ sent: NUDGES });
  }, 120_000);
});
