import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/engine.js';
import { openDatabase } from '../../../src/db/engine.js';
import { ageLeases } from '../../support/databaseClock.js';
import { type SlackReceiver, startSlackReceiver } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../../support/testDatabase.js';
import { seedNudges, seedOrg, seedStudents, statusCounts } from './fixtures.js';
import { databaseEnv, openTempPglite, slackEnv, spawnWorker, workerEnv } from './workerProcess.js';

const NUDGES = 40;
const DELIVERED_BEFORE_HOLD = 15;
const IN_FLIGHT_AT_KILL = 3;
const T0 = new Date('2026-12-01T10:00:00Z');
/** Past the first run's leases (5 minutes by default), on the database's clock. */
const LEASES_RUN_OUT_MS = 10 * 60_000;

/**
 * Jepsen-style accounting at the receiver: attempted (posts received), acknowledged (answered
 * 200), delivered (distinct nudges that reached the platform), lost, duplicated.
 */
describe(`when a worker process is killed with SIGKILL mid-batch (${testDatabaseKind()})`, () => {
  let receiver: SlackReceiver;
  let pg: TestDatabase | undefined;
  let pglite: Awaited<ReturnType<typeof openTempPglite>> | undefined;
  let target: { url: string | undefined; dataDir?: string };

  const seed = async (db: Db) => {
    const org = await seedOrg(db);
    const students = await seedStudents(db, org, NUDGES, { withDmChannel: true });
    await seedNudges(
      db,
      org,
      students.map((personId, i) => ({ personId, dueAt: new Date(T0.getTime() - 60_000 + i) })),
    );
  };

  beforeAll(async () => {
    receiver = await startSlackReceiver({ holdAfter: DELIVERED_BEFORE_HOLD });
    if (testDatabaseKind() === 'postgres') {
      pg = await openTestDatabase();
      await seed(pg.db);
      target = { url: pg.url };
    } else {
      pglite = await openTempPglite();
      await seed(pglite.database.db);
      // The child opens the directory; PGlite allows one process at a time.
      await pglite.database.close();
      target = { url: undefined, dataDir: pglite.dataDir };
    }
  }, 240_000);

  afterAll(async () => {
    await receiver?.close();
    await pg?.close();
    pglite?.remove();
  });

  it('then, after its leases expire, another run finds what landed in the DM history and delivers the rest: none lost, none twice', async () => {
    // An internal app's history budget: the in-flight DMs are all read within the wait.
    const env = workerEnv({
      ...databaseEnv(target),
      ...slackEnv(receiver.apiUrl),
      SLACK_HISTORY_CALLS_PER_MINUTE: '50',
    });

    const first = spawnWorker(['--once', '--now', T0.toISOString()], env);
    await receiver.waitForHeld(IN_FLIGHT_AT_KILL, 120_000);
    const inFlight = receiver.held.length;
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    const acknowledgedBeforeKill = receiver.messages.length;

    receiver.stopHolding();
    // The dead worker's leases run out on the database clock (the worker clock has no say).
    if (pg) await ageLeases(pg.db, LEASES_RUN_OUT_MS);
    else {
      const dead = await openDatabase({ dataDir: target.dataDir! });
      await ageLeases(dead.db, LEASES_RUN_OUT_MS);
      await dead.close();
    }
    const second = spawnWorker(['--once', '--now', T0.toISOString()], env);
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);
    // On a starved machine a nudge can miss its pacing slot and be put back for a little later:
    // a pass an hour on (worker clock) sends whatever the second one deferred.
    const third = spawnWorker(['--once', '--now', new Date(T0.getTime() + 3_600_000).toISOString()], env);
    expect((await third.exited).code, third.stderr()).toBe(0);

    const keys = [...receiver.messages, ...receiver.held].map((m) => m.key);
    const perKey = new Map<string | null, number>();
    for (const key of keys) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    const delivered = perKey.size;
    const duplicated = [...perKey.values()].filter((n) => n > 1).length;
    const lost = NUDGES - delivered;
    console.log(
      `SIGKILL run: nudges ${NUDGES}, attempted ${receiver.attempts()}, acknowledged ${receiver.messages.length} ` +
        `(${acknowledgedBeforeKill} before the kill), in flight at the kill ${inFlight}, delivered ${delivered}, ` +
        `lost ${lost}, duplicated ${duplicated}; second run: ${second.stdout().trim()}`,
    );

    expect(keys.every((key) => key !== null)).toBe(true);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(second.stdout()).toMatch(
      /^sent \d+, deferred \d+, cancelled 0, failed 0, found already delivered \d+/m,
    );
    expect(second.stdout() + third.stdout()).not.toContain('unchecked');

    const check = pg ?? (await openDatabase({ dataDir: target.dataDir! }));
    try {
      expect(await statusCounts(check.db)).toEqual({ sent: NUDGES });
    } finally {
      if (!pg) await check.close();
    }
  }, 240_000);
});
