import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { createWorkerSchedule, type FinishedPass, STALE_PASS_MS } from '../../../src/bot/worker/schedule.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { FakeNotifier } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { nudgesOf, type SeededOrg, seedNudges, seedOrg, seedStudents, UNPACED } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const unlimited = { slack: UNPACED };

describe('the scheduled worker', () => {
  let database: TestDatabase;
  let org: SeededOrg;

  beforeEach(async () => {
    database = await openTestDatabase();
    org = await seedOrg(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('when it starts, then it catches up on what was missed at once, and stop ends the schedule', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    await seedNudges(database.db, org, [{ personId: student!, dueAt: new Date(Date.now() - 3600_000) }]);
    const slack = new FakeNotifier('slack');
    const worker = createWorkerSchedule({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      notifiers: new Map([['slack', slack]]),
      logger,
      options: { rateLimits: unlimited },
    });

    expect(worker.name).toBe('worker');
    await worker.start();
    await expect.poll(() => slack.sends.length, { timeout: 10_000 }).toBe(1);
    await worker.stop();
    expect(await worker.runNow()).toBeNull();
  });

  it('when it stops mid-pass, then it waits for the send in flight and puts back what it had not sent', async () => {
    const students = await seedStudents(database.db, org, 5);
    const ids = await seedNudges(
      database.db,
      org,
      students.map((personId, i) => ({ personId, dueAt: new Date(Date.now() - 60_000 + i) })),
    );
    let started!: () => void;
    const firstSendStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slack = new FakeNotifier('slack').script(async ({ index }) => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { status: 'sent', messageId: `m${index}` };
    });
    const worker = createWorkerSchedule({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      notifiers: new Map([['slack', slack]]),
      logger,
      // One message every 10 s: a second sender waits for its slot, the other three in the queue.
      options: {
        concurrency: 2,
        rateLimits: { slack: { perChannelIntervalMs: 0, perSecond: 0.1, burst: 1 } },
      },
    });

    await worker.start();
    await firstSendStarted;
    const stopStarted = Date.now();
    await worker.stop();

    // Stopping cut the pacing wait short instead of sitting it out.
    expect(Date.now() - stopStarted).toBeLessThan(5_000);
    const rows = await nudgesOf(database.db, ids);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.attempts)).toEqual([0, 0, 0, 0]);
    expect(slack.sends).toHaveLength(1);
  });

  it('when its last pass is more than three minutes old, then it is not ready; the next pass makes it ready again', async () => {
    const [student] = await seedStudents(database.db, org, 1);
    await seedNudges(database.db, org, [{ personId: student!, dueAt: new Date(Date.now() - 60_000) }]);
    let now = Date.now();
    const passes: FinishedPass[] = [];
    const worker = createWorkerSchedule({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      notifiers: new Map([['slack', new FakeNotifier('slack')]]),
      logger,
      clock: { now: () => new Date(now) },
      // Only the pass at start and the ones the test asks for.
      expression: '0 0 1 1 *',
      options: { rateLimits: unlimited },
      onPass: (pass) => passes.push(pass),
    });
    expect(worker.ready()).toBe(false);
    await worker.start();
    await expect.poll(() => passes.length, { timeout: 10_000 }).toBe(1);
    expect(passes[0]).toMatchObject({ ok: true, at: new Date(now), summary: { sent: 1 } });
    expect(worker.ready()).toBe(true);

    now += STALE_PASS_MS;
    expect(worker.ready()).toBe(true);
    now += 1;
    expect(worker.ready()).toBe(false);

    await worker.runNow();
    expect(passes.map((p) => p.summary?.sent)).toEqual([1, 0]);
    expect(worker.ready()).toBe(true);
    await worker.stop();
    expect(worker.ready()).toBe(false);
  });
});
