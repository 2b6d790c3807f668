import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass } from '../../../src/bot/worker/pass.js';
import { slackDeliveryLog } from '../../../src/db/deliveryLog.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { codeTries, organizations, persons, processedRequests } from '../../../src/db/schema.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('housekeeping in a worker pass', () => {
  it('when Slack delivery keys are older than a day, then a pass drops them and keeps the recent ones', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    await db.db.insert(processedRequests).values([
      { platform: 'slack', key: 'command:old', createdAt: new Date('2026-11-29T10:00:00Z') },
      { platform: 'slack', key: 'command:recent', createdAt: new Date('2026-12-01T09:00:00Z') },
    ]);
    await runPass({
      db: db.db,
      outbox: nudgeOutbox(db.db),
      clock: { now: () => now },
      notifiers: new Map(),
      logger: createLogger({ level: 'silent', pretty: false }),
    });
    const keys = (await db.db.select().from(processedRequests)).map((r) => r.key);
    expect(keys).toEqual(['command:recent']);
    // A retry of the recent delivery is still recognised; the dropped one could not come back anyway.
    expect(await slackDeliveryLog(db.db)('command:recent')).toBe(false);
  });

  it('when wrong code tries are older than a day, then a pass drops them and keeps the recent ones', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const [org] = await db.db.insert(organizations).values({ name: 'University' }).returning();
    const [person] = await db.db
      .insert(persons)
      .values({ orgId: org!.id, displayName: 'Mallory' })
      .returning();
    const tried = (at: string) => ({
      orgId: org!.id,
      personId: person!.id,
      purpose: 'link',
      triedAt: new Date(at),
    });
    await db.db.insert(codeTries).values([tried('2026-11-30T09:59:00Z'), tried('2026-12-01T09:55:00Z')]);
    await runPass({
      db: db.db,
      outbox: nudgeOutbox(db.db),
      clock: { now: () => now },
      notifiers: new Map(),
      logger: createLogger({ level: 'silent', pretty: false }),
    });
    const left = await db.db.select().from(codeTries);
    expect(left.map((t) => t.triedAt.toISOString())).toEqual(['2026-12-01T09:55:00.000Z']);
  });
});
