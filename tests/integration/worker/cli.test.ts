import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackReceiver, startSlackReceiver } from '../../support/fakeNotifier.js';
import { seedNudges, seedOrg, seedStudents } from './fixtures.js';
import { openTempPglite, slackEnv, spawnWorker, workerEnv } from './workerProcess.js';

const NOW = '2026-12-01T10:00:00Z';

describe('when `npm run worker -- --once --now` runs on an embedded database', () => {
  let pglite: Awaited<ReturnType<typeof openTempPglite>>;
  let receiver: SlackReceiver;

  beforeAll(async () => {
    receiver = await startSlackReceiver();
    pglite = await openTempPglite();
    const db = pglite.database.db;
    const org = await seedOrg(db);
    const [early, late] = await seedStudents(db, org, 2, { withDmChannel: true });
    const [night] = await seedStudents(db, org, 1, {
      withDmChannel: true,
      timezone: 'America/Los_Angeles',
      wakeStartMinute: 9 * 60,
      wakeEndMinute: 20 * 60,
    });
    await seedNudges(db, org, [
      { personId: early!, dueAt: new Date('2026-12-01T09:00:00Z') },
      { personId: late!, dueAt: new Date(NOW) },
      // 02:00 in Los Angeles.
      { personId: night!, dueAt: new Date('2026-12-01T09:30:00Z') },
      // Not due yet (the pass's clock starts at --now and runs on from there).
      { personId: early!, dueAt: new Date('2026-12-01T11:00:00Z') },
    ]);
    await pglite.database.close();
  }, 240_000);

  afterAll(async () => {
    await receiver?.close();
    pglite?.remove();
  });

  it('then it runs one pass at that time, prints the summary and exits 0', async () => {
    const env = workerEnv({ RAPPORT_DATA_DIR: pglite.dataDir, ...slackEnv(receiver.apiUrl) });

    const run = spawnWorker(['--once', '--now', NOW], env, { viaNpm: true });
    const { code } = await run.exited;

    expect(code, run.stderr()).toBe(0);
    expect(run.stdout()).toContain('sent 2, deferred 1, cancelled 0, failed 0\n');
    expect(receiver.messages).toHaveLength(2);

    const again = spawnWorker(['--once', '--now', NOW], env);
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toBe('sent 0, deferred 0, cancelled 0, failed 0\n');
  }, 240_000);

  it('when --now is not an ISO-8601 instant, then it says so in one sentence and exits 2', async () => {
    const run = spawnWorker(
      ['--once', '--now', 'next tuesday'],
      workerEnv({ RAPPORT_DATA_DIR: pglite.dataDir }),
    );

    expect((await run.exited).code).toBe(2);
    expect(run.stderr().trim()).toBe(
      '--now "next tuesday" is not an ISO-8601 date and time with a zone, such as 2026-12-01T10:00:00Z.',
    );
    expect(run.stdout()).toBe('');
  }, 60_000);
});
