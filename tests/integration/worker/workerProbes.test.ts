/**
 * `npm run worker` on its schedule, as an orchestrator sees it: the probes and /metrics on PORT,
 * ready once it runs, with its pass in the worker series; SIGTERM still ends it cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedPort } from '../../support/childProcess.js';
import { type SlackReceiver, startSlackReceiver } from '../../support/fakeNotifier.js';
import { seedNudges, seedOrg, seedStudents } from './fixtures.js';
import { openTempPglite, slackEnv, spawnWorker, type WorkerChild, workerEnv } from './workerProcess.js';

const WAIT_MS = 100_000;

describe('when `npm run worker` runs on its schedule', () => {
  let pglite: Awaited<ReturnType<typeof openTempPglite>>;
  let receiver: SlackReceiver;
  let worker: WorkerChild | undefined;

  beforeAll(async () => {
    receiver = await startSlackReceiver();
    pglite = await openTempPglite();
    const db = pglite.database.db;
    const org = await seedOrg(db);
    const [student] = await seedStudents(db, org, 1, { withDmChannel: true });
    await seedNudges(db, org, [{ personId: student!, dueAt: new Date(Date.now() - 60_000) }]);
    await pglite.database.close();
  }, 240_000);

  afterAll(async () => {
    if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
    await receiver?.close();
    pglite?.remove();
  });

  it('then it serves /livez, /readyz and /metrics on PORT, and its first pass shows in the worker series', async () => {
    worker = spawnWorker(
      [],
      workerEnv({
        RAPPORT_DATA_DIR: pglite.dataDir,
        ...slackEnv(receiver.apiUrl),
        PORT: '0',
        LOG_LEVEL: 'info',
      }),
    );
    const child = worker;
    await expect.poll(() => child.stderr(), { timeout: WAIT_MS, interval: 100 }).toMatch(/"port":\d+/);
    const base = `http://127.0.0.1:${loggedPort(child.stderr)}`;

    expect((await fetch(`${base}/livez`)).status).toBe(200);
    await expect
      .poll(async () => (await fetch(`${base}/metrics`)).text(), { timeout: WAIT_MS, interval: 200 })
      .toMatch(/^rapport_nudges_total\{outcome="sent"\} 1$/m);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^rapport_worker_last_pass_timestamp_seconds \d+/m);
    expect(metrics).toMatch(/^rapport_outbox_depth 0$/m);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);
    // The worker serves no Slack endpoint: that is the bot's.
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);

    child.child.kill('SIGTERM');
    expect((await child.exited).code, child.stderr()).toBe(0);
  }, 200_000);
});
