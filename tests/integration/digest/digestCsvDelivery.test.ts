/**
 * The weekly digest through the worker with the per-student CSV turned on: the text, the chart and
 * the CSV go in one message to each coordinator, still once per week, and the log records every
 * student the CSV names. With the CSV off, the message carries the chart alone.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartRenderer } from '../../../src/core/digest/digestPorts.js';
import type { Notifier } from '../../../src/core/notifier.js';
import type { FileAttachment } from '../../../src/core/reply.js';
import { type Database, openDatabase } from '../../../src/db/engine.js';
import { digestLog, digestLogStudents } from '../../../src/db/schema.js';
import { digestPass } from '../../support/digestPass.js';
import { FakeNotifier } from '../../support/fakeNotifier.js';
import { openStaffHarness, type PersonSpec, plain, type StaffHarness } from './staffHarness.js';

/** Stands in for resvg: the PNG's bytes do not matter here, only that the chart is attached. */
const chart: ChartRenderer = { renderPng: () => new Uint8Array([137, 80, 78, 71]) };

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const carl: PersonSpec = { id: 'UCARL', name: 'Carl Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };
const bo: PersonSpec = { id: 'UBO', name: '@Bo +Brook' };
/** Monday 26 Oct 2026, 09:00 in New York. */
const MONDAY = '2026-10-26T13:00:00Z';

let h: StaffHarness;
let orgId: string;

async function pass(at: string, notifier: Notifier, db: Database = h.db): Promise<void> {
  await digestPass(db.db, at, notifier, chart);
}

const kinds = (files: readonly FileAttachment[] | undefined) => (files ?? []).map((f) => f.contentType);
const csvIn = (files: readonly FileAttachment[] | undefined) =>
  String(files?.find((f) => f.contentType === 'text/csv')?.content ?? '');

beforeEach(async () => {
  h = await openStaffHarness({
    start: '2026-10-20T15:00:00Z',
    timezone: 'America/New_York',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.as(carl);
  expect(await h.say(cora, 'role <@UCARL|carl> coordinator')).toContain('is now a coordinator');
  await h.say(ana, 'add Jane Doe at Figma jane@figma.example', '2026-10-21T15:00:00Z');
  await h.say(ana, 'reached jane', '2026-10-21T15:05:00Z');
  await h.say(ana, 'note jane PRIVATE-NOTE-TEXT', '2026-10-22T15:00:00Z');
  await h.as(bo);
  orgId = (await h.as(cora)).orgId;
});

afterEach(async () => {
  await h?.close();
});

describe('the weekly digest with its CSV', () => {
  it('when the CSV is on, then each coordinator gets the text, the chart and the CSV in one message', async () => {
    expect(await h.say(cora, 'digest csv on')).toContain('now carries a CSV file');
    const dms = new FakeNotifier('slack');
    await pass(MONDAY, dms);
    const sent = dms.delivered();
    expect(sent.map((s) => s.to.externalUserId).sort()).toEqual(['UCARL', 'UCORA']);
    for (const { message } of sent) {
      expect(plain(message)).toContain('Weekly digest');
      expect(plain(message)).toContain('Outreach sent: 1 (last week 0, +1)');
      expect(plain(message)).toContain('Attached: a CSV file with one row per student');
      expect(kinds(message.files)).toEqual(['image/png', 'text/csv']);
      expect(message.files?.[1]?.filename).toBe('rapport-digest-2026-10-26.csv');
    }
    const csv = csvIn(sent[0]?.message.files);
    expect(csv.split('\n').slice(1)).toEqual([
      "'@Bo +Brook,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,no,",
      // Her note on 22 Oct is her last activity.
      'Ana Alves,1,0,1,0,0,0,0,0,0,0,1,0,0,0,0,0,no,2026-10-22',
      '',
    ]);
    for (const secret of ['Jane', 'Figma', 'jane@figma.example', 'PRIVATE-NOTE-TEXT', 'Cora', 'Carl']) {
      expect(csv).not.toContain(secret);
    }
  });

  it('when the CSV is on, then the log records the digest once, with every student in the CSV', async () => {
    await h.say(cora, 'digest csv on');
    const dms = new FakeNotifier('slack');
    await pass(MONDAY, dms);
    const [row, ...more] = await h.db.db
      .select()
      .from(digestLog)
      .where(and(eq(digestLog.orgId, orgId), eq(digestLog.kind, 'digest'), isNotNull(digestLog.sentAt)));
    expect(more).toHaveLength(0);
    const recorded = await h.db.db
      .select({ personId: digestLogStudents.personId })
      .from(digestLogStudents)
      .where(eq(digestLogStudents.digestLogId, row!.id));
    const inCsv = [(await h.as(ana)).personId, (await h.as(bo)).personId].sort();
    expect(recorded.map((r) => r.personId).sort()).toEqual(inCsv);
    expect(row!.studentCount).toBe(2);
  });

  it('when the CSV is off, then the digest carries the chart and no CSV', async () => {
    const dms = new FakeNotifier('slack');
    await pass(MONDAY, dms);
    expect(dms.delivered()).toHaveLength(2);
    for (const { message } of dms.delivered()) {
      expect(kinds(message.files)).toEqual(['image/png']);
      expect(plain(message)).not.toContain('CSV');
    }
  });

  it('when the CSV is turned off again, then the next week goes without it', async () => {
    await h.say(cora, 'digest csv on');
    const dms = new FakeNotifier('slack');
    await pass(MONDAY, dms);
    await h.say(cora, 'digest csv off', '2026-10-27T12:00:00Z');
    await pass('2026-11-02T14:00:00Z', dms);
    expect(dms.delivered().map((s) => kinds(s.message.files))).toEqual([
      ['image/png', 'text/csv'],
      ['image/png', 'text/csv'],
      ['image/png'],
      ['image/png'],
    ]);
  });

  it('when two workers run the same minute with the CSV on, then exactly one digest goes out that week', async () => {
    await h.say(cora, 'digest csv on');
    // On PostgreSQL the second worker has its own connection pool, as a second process would.
    const second = h.db.url
      ? await openDatabase({ databaseUrl: h.db.url, dataDir: 'memory://', migrate: false })
      : h.db;
    try {
      const one = new FakeNotifier('slack');
      const two = new FakeNotifier('slack');
      await Promise.all([pass(MONDAY, one), pass(MONDAY, two, second)]);
      await Promise.all([pass('2026-10-26T13:01:00Z', one), pass('2026-10-26T13:01:00Z', two, second)]);
      await pass('2026-10-26T18:00:00Z', one);
      const all = [...one.delivered(), ...two.delivered()];
      expect(all.map((s) => s.to.externalUserId).sort()).toEqual(['UCARL', 'UCORA']);
      expect(all.every((s) => kinds(s.message.files).includes('text/csv'))).toBe(true);
      const rows = await h.db.db.select().from(digestLog).where(eq(digestLog.orgId, orgId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ slot: '2026-W44', kind: 'digest', studentCount: 2 });
    } finally {
      if (second !== h.db) await second.close();
    }
  });
});
