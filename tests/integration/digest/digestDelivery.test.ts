/**
 * The weekly digest through the worker: once per week per organization with workers racing, at
 * the right local time across the end of daylight-saving time, to the digest channel or each
 * coordinator, and recorded in the digest log. Notifiers are small fakes that record what they
 * were asked to send.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/core/domain.js';
import type { ChannelTarget, Notifier, Recipient, SendOutcome } from '../../../src/core/notifier.js';
import type { Reply } from '../../../src/core/reply.js';
import { type Database, openDatabase } from '../../../src/db/engine.js';
import { digestLog, digestLogStudents, digestSettings } from '../../../src/db/schema.js';
import { ageLeases } from '../../support/databaseClock.js';
import { digestPass, recordingLogger } from '../../support/digestPass.js';
import { openStaffHarness, type PersonSpec, plain, type StaffHarness } from './staffHarness.js';

interface Delivery {
  to: string;
  key: string;
  message: Reply;
}

interface FakeNotifier extends Notifier {
  deliveries: Delivery[];
}

/** A notifier that records each message; `dm` and `channel` decide each outcome (sent by default). */
function fakeNotifier(
  platform: Platform,
  behaviour: { dm?: () => SendOutcome | undefined; channel?: (() => SendOutcome) | 'absent' } = {},
): FakeNotifier {
  const deliveries: Delivery[] = [];
  let n = 0;
  const notifier: FakeNotifier = {
    platform,
    deliveries,
    async send(to: Recipient, message: Reply, key: string) {
      const outcome = behaviour.dm?.() ?? { status: 'sent', messageId: `m${++n}` };
      if (outcome.status === 'sent') deliveries.push({ to: `dm:${to.externalUserId}`, key, message });
      return outcome;
    },
  };
  if (behaviour.channel !== 'absent') {
    const channel = behaviour.channel;
    notifier.postToChannel = async (to: ChannelTarget, message: Reply, key: string) => {
      const outcome = channel?.() ?? { status: 'sent', messageId: `c${++n}` };
      if (outcome.status === 'sent') deliveries.push({ to: `channel:${to.channelId}`, key, message });
      return outcome;
    };
  }
  return notifier;
}

const cora: PersonSpec = { id: 'UCORA', name: 'Cora Coordinator' };
const carl: PersonSpec = { id: 'UCARL', name: 'Carl Coordinator' };
const ana: PersonSpec = { id: 'UANA', name: 'Ana Alves' };

let h: StaffHarness;
let orgId: string;

async function pass(at: string, notifier: Notifier, db: Database = h.db): Promise<void> {
  await digestPass(db.db, at, notifier, null, undefined, h.channels);
}

async function sentRows() {
  return h.db.db
    .select()
    .from(digestLog)
    .where(and(eq(digestLog.orgId, orgId), eq(digestLog.kind, 'digest'), isNotNull(digestLog.sentAt)));
}

beforeEach(async () => {
  h = await openStaffHarness({
    start: '2026-10-20T15:00:00Z',
    timezone: 'America/New_York',
    coordinators: [{ platform: 'slack', spaceId: 'TUNIV', userId: 'UCORA' }],
  });
  await h.as(carl);
  expect(await h.say(cora, 'role <@UCARL|carl> coordinator')).toContain('is now a coordinator');
  await h.say(ana, 'add Jane Doe at Figma');
  orgId = (await h.as(cora)).orgId;
  h.channels.add('slack', 'C0CAREERS', 'TUNIV').add('slack', 'C0ELSEWHERE', 'TELSEWHERE');
});

afterEach(async () => {
  await h?.close();
});

describe('once per week, at the right local time', () => {
  it('when the clocks go back on 1 Nov, then Monday 09:00 New York is 13:00Z before and 14:00Z after, and each week goes out once', async () => {
    const dms = fakeNotifier('slack');
    for (const at of [
      '2026-10-26T12:59:00Z', // 08:59 EDT: not yet
      '2026-10-26T13:00:00Z', // 09:00 EDT: week 44
      '2026-10-26T13:30:00Z', // already sent
      '2026-11-02T13:00:00Z', // 08:00 EST: not yet, although it is 13:00Z
      '2026-11-02T13:59:00Z',
      '2026-11-02T14:00:00Z', // 09:00 EST: week 45
      '2026-11-02T14:01:00Z',
    ]) {
      await pass(at, dms);
    }
    const rows = (await sentRows()).sort((a, b) => a.sentAt!.getTime() - b.sentAt!.getTime());
    expect(rows.map((r) => ({ slot: r.slot, sentAt: r.sentAt!.toISOString() }))).toEqual([
      { slot: '2026-W44', sentAt: '2026-10-26T13:00:00.000Z' },
      { slot: '2026-W45', sentAt: '2026-11-02T14:00:00.000Z' },
    ]);
    // Two coordinators, two weeks: four DMs, each week's text about the week ending at 09:00 local.
    expect(dms.deliveries.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCARL', 'dm:UCORA', 'dm:UCORA']);
    expect(plain(dms.deliveries.at(-1)!.message)).toContain(
      'the week of 26 Oct 2026 – 2 Nov 2026 (America/New_York)',
    );
  });

  it('when two workers run the same minute on the same database, then exactly one digest goes out', async () => {
    // On PostgreSQL the second worker has its own connection pool, as a second process would.
    const second = h.db.url
      ? await openDatabase({ databaseUrl: h.db.url, dataDir: 'memory://', migrate: false })
      : h.db;
    try {
      const one = fakeNotifier('slack');
      const two = fakeNotifier('slack');
      await Promise.all([pass('2026-10-26T13:00:00Z', one), pass('2026-10-26T13:00:00Z', two, second)]);
      await Promise.all([pass('2026-10-26T13:01:00Z', one), pass('2026-10-26T13:01:00Z', two, second)]);
      const all = [...one.deliveries, ...two.deliveries];
      expect(all.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCORA']);
      // Both DMs came from the one worker that won the week.
      expect(one.deliveries.length === 2 || two.deliveries.length === 2).toBe(true);
      const rows = await h.db.db.select().from(digestLog).where(eq(digestLog.orgId, orgId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ slot: '2026-W44', kind: 'digest', studentCount: 1 });
    } finally {
      if (second !== h.db) await second.close();
    }
  });

  it('when a coordinator moves the digest to Friday 16:00, then it goes out on Friday in local time and not on Monday', async () => {
    expect(await h.say(cora, 'digest at friday 4pm', '2026-10-27T12:00:00Z')).toContain(
      'every Friday at 16:00 (America/New_York)',
    );
    const dms = fakeNotifier('slack');
    await pass('2026-11-02T14:00:00Z', dms); // Monday: nothing
    await pass('2026-10-30T19:59:00Z', dms); // Friday 15:59 EDT: not yet
    expect(dms.deliveries).toHaveLength(0);
    await pass('2026-10-30T20:00:00Z', dms); // Friday 16:00 EDT
    expect(dms.deliveries).toHaveLength(2);
  });

  it('when the worker was down at 09:00, then the digest goes out when it is back that day, but not days later', async () => {
    const dms = fakeNotifier('slack');
    await pass('2026-10-26T20:00:00Z', dms);
    expect(dms.deliveries).toHaveLength(2);
    await pass('2026-11-04T13:00:00Z', dms); // Wednesday of the next week: that Monday is long past
    expect(dms.deliveries).toHaveLength(2);
  });
});

describe('where it goes', () => {
  it('when a digest channel is set, then it is posted there once and the log names the channel and the students', async () => {
    expect(await h.say(cora, 'digest channel <#C0CAREERS|careers>')).toContain('#careers');
    const slack = fakeNotifier('slack');
    await pass('2026-10-26T13:00:00Z', slack);
    expect(slack.deliveries.map((d) => d.to)).toEqual(['channel:C0CAREERS']);
    expect(slack.deliveries[0]!.message.visibility).toBe('public');
    const [row] = await sentRows();
    expect(row).toMatchObject({ recipient: 'channel:slack:C0CAREERS', studentCount: 1, requestedById: null });
    const students = await h.db.db
      .select()
      .from(digestLogStudents)
      .where(eq(digestLogStudents.digestLogId, row!.id));
    expect(students.map((s) => s.personId)).toEqual([(await h.as(ana)).personId]);
    expect(await h.command(cora, 'digest log', {}, '2026-10-26T14:00:00Z')).toMatch(
      /Weekly digest \(2026-W44\) to channel C0CAREERS on Slack \(1 student's data\)/,
    );
  });

  it('when the channel refuses the post, then the coordinators get it by DM with a word about the channel', async () => {
    await h.say(cora, 'digest channel <#C0CAREERS|careers>');
    const slack = fakeNotifier('slack', {
      channel: () => ({ status: 'permanent', error: 'not_in_channel' }),
    });
    await pass('2026-10-26T13:00:00Z', slack);
    expect(slack.deliveries.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCORA']);
    expect(plain(slack.deliveries[0]!.message)).toContain('I could not post in the digest channel');
    const [row] = await sentRows();
    expect(row!.recipient.split(',')).toHaveLength(2);
  });

  it("when the saved channel is not in the organization's spaces, then nothing is posted there, the coordinators get it by DM with a word about it, and the warning holds no personal data", async () => {
    // A setting saved before channels were checked: the command would refuse it now.
    await h.db.db.insert(digestSettings).values({ orgId, platform: 'slack', channelId: 'C0ELSEWHERE' });
    const slack = fakeNotifier('slack');
    const logger = recordingLogger();
    await digestPass(h.db.db, '2026-10-26T13:00:00Z', slack, null, logger, h.channels);
    expect(slack.deliveries.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCORA']);
    expect(plain(slack.deliveries[0]!.message)).toContain(
      "The digest channel is not in one of your organization's workspaces or servers, so here it is by DM",
    );
    const warning = logger.lines.find((line) => line.level === 'warn');
    expect(warning?.fields).toEqual({
      orgId,
      platform: 'slack',
      reason: 'elsewhere',
      detail: 'channel of another space',
    });
    expect(JSON.stringify(logger.lines)).not.toMatch(/Ana|Cora|Carl|Jane/);
  });

  it('when the platform cannot be asked about the channel at delivery, then the digest goes by DM rather than unchecked', async () => {
    await h.say(cora, 'digest channel <#C0CAREERS|careers>');
    h.channels.down = true;
    const slack = fakeNotifier('slack');
    await pass('2026-10-26T13:00:00Z', slack);
    expect(slack.deliveries.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCORA']);
    expect(plain(slack.deliveries[0]!.message)).toContain('I could not check the digest channel just now');
  });

  it('when the platform cannot post in channels, then the digest goes by DM', async () => {
    await h.say(cora, 'digest channel <#C0CAREERS|careers>');
    const slack = fakeNotifier('slack', { channel: 'absent' });
    await pass('2026-10-26T13:00:00Z', slack);
    expect(slack.deliveries.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCORA']);
  });

  it('when every send fails for now, then the week is tried again later and sent once', async () => {
    let down = true;
    const slack = fakeNotifier('slack', {
      dm: () => (down ? { status: 'transient', error: 'network_error' } : undefined),
    });
    await pass('2026-10-26T13:00:00Z', slack);
    expect(slack.deliveries).toHaveLength(0);
    // The retry delay runs on the database clock, like every lease: a later worker clock alone
    // does not end it.
    await ageLeases(h.db.db, 60_000, digestLog);
    await pass('2026-10-26T13:30:00Z', slack); // still within the retry delay: not claimed again
    down = false;
    await pass('2026-10-26T13:31:00Z', slack);
    expect(slack.deliveries).toHaveLength(0);
    await ageLeases(h.db.db, 5 * 60_000, digestLog); // past the 5-minute retry delay
    await pass('2026-10-26T13:32:00Z', slack);
    await pass('2026-10-26T13:33:00Z', slack);
    expect(slack.deliveries.map((d) => d.to).sort()).toEqual(['dm:UCARL', 'dm:UCORA']);
    const [row] = await h.db.db.select().from(digestLog).where(eq(digestLog.orgId, orgId));
    expect(row).toMatchObject({ attempts: 2, lastError: null, leaseUntil: null });
  });

  it('when a worker died holding the week, then another takes it over after the lease and sends it', async () => {
    // A claim with a 10-minute lease, never sent: what a worker that crashed after inserting
    // leaves behind.
    await h.db.db.insert(digestLog).values({
      orgId,
      kind: 'digest',
      slot: '2026-W44',
      recipient: '',
      attempts: 1,
      leaseUntil: sql`now() + interval '10 minutes'`,
    });
    const slack = fakeNotifier('slack');
    // A worker whose clock runs an hour fast does not take a live lease over.
    await pass('2026-10-26T14:05:00Z', slack);
    expect(slack.deliveries).toHaveLength(0);
    await ageLeases(h.db.db, 10 * 60_000 + 1, digestLog);
    await pass('2026-10-26T13:11:00Z', slack);
    expect(slack.deliveries).toHaveLength(2);
    expect(await sentRows()).toHaveLength(1);
  });

  it('when no coordinator is on a connected platform, then nothing is marked sent', async () => {
    const discord = fakeNotifier('discord');
    await pass('2026-10-26T13:00:00Z', discord);
    expect(discord.deliveries).toHaveLength(0);
    expect(await sentRows()).toHaveLength(0);
  });
});
