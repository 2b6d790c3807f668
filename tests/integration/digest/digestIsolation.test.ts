/**
 * One organization's broken digest settings cost no other organization its digest, and the
 * database refuses a schedule the worker could not compute (weekday 1-7, minute 0-1439).
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestLog, digestSettings } from '../../../src/db/schema.js';
import { digestPass, recordingLogger } from '../../support/digestPass.js';
import { FakeNotifier } from '../../support/fakeNotifier.js';
import { openStaffHarness, type PersonSpec, type StaffHarness } from './staffHarness.js';

// Two organizations, each a Slack workspace with its coordinator; the broken one is the older.
const broken: PersonSpec = { id: 'UBROKEN', name: 'Bea Broken', team: 'TBROKEN' };
const fine: PersonSpec = { id: 'UFINE', name: 'Fred Fine', team: 'TFINE' };

let h: StaffHarness;

beforeEach(async () => {
  h = await openStaffHarness({
    start: '2026-10-20T15:00:00Z',
    coordinators: [
      { platform: 'slack', spaceId: 'TBROKEN', userId: 'UBROKEN' },
      { platform: 'slack', spaceId: 'TFINE', userId: 'UFINE' },
    ],
  });
});

afterEach(async () => {
  await h?.close();
});

describe('each organization on its own', () => {
  it('when an older organization has a weekday the schedule cannot compute, then the next one still gets its digest and the failure names the broken organization', async () => {
    const brokenOrg = (await h.as(broken)).orgId;
    const fineOrg = (await h.as(fine)).orgId;
    // A row from before the CHECK constraints (or written around them): the only way to hold one now.
    await h.db.db.execute(sql`alter table digest_settings drop constraint digest_settings_weekday_ck`);
    await h.db.db.insert(digestSettings).values({ orgId: brokenOrg, weekday: 9 });

    const notifier = new FakeNotifier('slack');
    const logger = recordingLogger();
    // Monday 2026-10-26 09:00 UTC: the default schedule of the healthy organization.
    await digestPass(h.db.db, '2026-10-26T09:00:00Z', notifier, null, logger);

    expect(notifier.delivered().map((s) => s.to.externalUserId)).toEqual(['UFINE']);
    const sent = await h.db.db.select().from(digestLog).where(eq(digestLog.orgId, fineOrg));
    expect(sent).toHaveLength(1);
    const failure = logger.lines.find((line) => line.level === 'error');
    expect(failure?.fields).toMatchObject({ orgId: brokenOrg });
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(1);
  });
});

describe('the database keeps the schedule computable', () => {
  it('when a weekday outside 1-7 or a minute outside 0-1439 is written, then the database refuses it, and the edges are accepted', async () => {
    const orgId = (await h.as(broken)).orgId;
    const write = (values: { weekday?: number; minuteOfDay?: number }) =>
      h.db.db
        .insert(digestSettings)
        .values({ orgId, ...values })
        .onConflictDoUpdate({ target: digestSettings.orgId, set: values });
    // drizzle wraps the driver's error; the constraint's name is in the cause, on both engines.
    const refusal = (values: { weekday?: number; minuteOfDay?: number }) =>
      write(values).then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal({ weekday: 0 })).toMatch(/check constraint "digest_settings_weekday_ck"/);
    expect(await refusal({ weekday: 8 })).toMatch(/check constraint "digest_settings_weekday_ck"/);
    expect(await refusal({ minuteOfDay: -1 })).toMatch(/check constraint "digest_settings_minute_ck"/);
    expect(await refusal({ minuteOfDay: 1440 })).toMatch(/check constraint "digest_settings_minute_ck"/);
    await write({ weekday: 7, minuteOfDay: 1439 });
    await write({ weekday: 1, minuteOfDay: 0 });
    const [saved] = await h.db.db.select().from(digestSettings).where(eq(digestSettings.orgId, orgId));
    expect(saved).toMatchObject({ weekday: 1, minuteOfDay: 0 });
  });
});
