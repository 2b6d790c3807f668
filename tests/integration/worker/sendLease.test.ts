/**
 * A send under way holds a lease short enough for the platform's own de-duplication: Discord
 * remembers a nonce only a few minutes, so a send lost with its worker must be taken over and
 * sent again inside that memory (chaos found 10 duplicates in 10,000 when the lease was 5 minutes).
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bot/logger.js';
import { runPass, type WorkerOptions } from '../../../src/bot/worker/pass.js';
import { sendLeaseMs } from '../../../src/bot/worker/send.js';
import type { Platform } from '../../../src/core/domain.js';
import { nudgeOutbox } from '../../../src/db/nudgeOutbox.js';
import { FakeNotifier, virtualTime } from '../../support/fakeNotifier.js';
import { openTestDatabase, type TestDatabase } from '../../support/testDatabase.js';
import { seedNudges, seedOrg, seedStudents, UNPACED } from './fixtures.js';

const logger = createLogger({ level: 'silent', pretty: false });
const NOW = new Date('2026-11-30T12:00:00Z');
const options: Partial<WorkerOptions> = { rateLimits: { slack: UNPACED, discord: UNPACED } };

/** A notifier that, while it sends, reads how long the row's lease still has on the database clock. */
class LeaseReadingNotifier extends FakeNotifier {
  leftMs: number[] = [];
  constructor(
    platform: Platform,
    private readonly database: TestDatabase,
    readonly dedupeWindowMs?: number,
  ) {
    super(platform);
    this.script(async () => {
      const rows = await this.database.db.execute<{ left_ms: number }>(
        sql`select extract(epoch from (lease_until - now())) * 1000 as left_ms from nudges where status = 'sending'`,
      );
      const list = (Array.isArray(rows) ? rows : (rows as { rows: { left_ms: number }[] }).rows) as {
        left_ms: number;
      }[];
      this.leftMs.push(...list.map((r) => Number(r.left_ms)));
      return { status: 'sent', messageId: 'm1' };
    });
  }
}

describe('the lease of a send under way', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  const sendOne = async (platform: Platform, notifier: LeaseReadingNotifier) => {
    const org = await seedOrg(database.db);
    const [student] = await seedStudents(database.db, org, 1, { platforms: [platform], withDmChannel: true });
    await seedNudges(database.db, org, [{ personId: student!, dueAt: new Date(NOW.getTime() - 60_000) }]);
    const time = virtualTime(NOW);
    const summary = await runPass({
      db: database.db,
      outbox: nudgeOutbox(database.db),
      clock: time.clock,
      sleep: time.sleep,
      notifiers: new Map([[platform, notifier]]),
      logger,
      options,
    });
    expect(summary).toMatchObject({ sent: 1 });
    expect(notifier.leftMs).toHaveLength(1);
    return notifier.leftMs[0]!;
  };

  it('when the platform keeps a nonce three minutes (Discord), then a send holds its row 90 seconds, not five minutes', async () => {
    const left = await sendOne('discord', new LeaseReadingNotifier('discord', database, 3 * 60_000));
    expect(left).toBeGreaterThan(80_000);
    expect(left).toBeLessThanOrEqual(90_000);
  });

  it('when the platform keeps no such memory (Slack), then a send holds its row the whole lease', async () => {
    const left = await sendOne('slack', new LeaseReadingNotifier('slack', database));
    expect(left).toBeGreaterThan(4 * 60_000);
  });

  it('when the window is shorter than two send timeouts, then the lease still outlasts the slowest send', () => {
    expect(sendLeaseMs(300_000, 30_000, { dedupeWindowMs: 60_000 })).toBe(60_000);
    expect(sendLeaseMs(300_000, 30_000, { dedupeWindowMs: 180_000 })).toBe(90_000);
    expect(sendLeaseMs(300_000, 30_000, {})).toBe(300_000);
    expect(sendLeaseMs(60_000, 30_000, { dedupeWindowMs: 600_000 })).toBe(60_000);
  });
});
