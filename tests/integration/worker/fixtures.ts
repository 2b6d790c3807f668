/**
 * Rows for the worker tests, written straight through drizzle: an organization with a Slack
 * workspace and a Discord guild, students with identities, contacts, and nudges in the outbox.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { RateLimit } from '../../../src/bot/worker/pacing.js';
import type { Platform, Stage } from '../../../src/core/domain.js';
import type { NudgeRecord } from '../../../src/core/nudges/nudgePorts.js';
import type { Db } from '../../../src/db/engine.js';
import { contacts, identities, nudges, organizations, persons, spaces } from '../../../src/db/schema.js';

/** Sending as fast as the test can: no pacing per channel or per platform. */
export const UNPACED: RateLimit = { perChannelIntervalMs: 0, perSecond: Number.POSITIVE_INFINITY, burst: 1 };

export interface SeededOrg {
  orgId: string;
  spaceIds: Record<'slack' | 'discord', string>;
}

export async function seedOrg(db: Db, options: { timezone?: string } = {}): Promise<SeededOrg> {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Career Services', timezone: options.timezone ?? 'UTC' })
    .returning();
  const spaceRows = await db
    .insert(spaces)
    .values([
      { orgId: org!.id, platform: 'slack', externalId: `T${randomUUID().slice(0, 8)}` },
      {
        orgId: org!.id,
        platform: 'discord',
        externalId: String(Date.now()) + String(Math.floor(Math.random() * 1e6)),
      },
    ])
    .returning();
  return {
    orgId: org!.id,
    spaceIds: {
      slack: spaceRows.find((s) => s.platform === 'slack')!.id,
      discord: spaceRows.find((s) => s.platform === 'discord')!.id,
    },
  };
}

export interface StudentOptions {
  /** Platforms the student has an identity on, most recently used last. */
  platforms?: Platform[];
  /** Null: the organization's zone applies. */
  timezone?: string | null;
  /** Waking window; equal start and end mean any time. */
  wakeStartMinute?: number;
  wakeEndMinute?: number;
  /** Store a DM channel on each identity (as if one was opened before). */
  withDmChannel?: boolean;
  role?: 'student' | 'mentor' | 'coordinator';
}

/** Creates `count` students and their identities; returns their person ids. */
export async function seedStudents(
  db: Db,
  org: SeededOrg,
  count: number,
  options: StudentOptions = {},
): Promise<string[]> {
  const platforms = options.platforms ?? ['slack'];
  const ids: string[] = [];
  for (let offset = 0; offset < count; offset += 1000) {
    const n = Math.min(1000, count - offset);
    const rows = await db
      .insert(persons)
      .values(
        Array.from({ length: n }, (_, i) => ({
          orgId: org.orgId,
          displayName: `Student ${offset + i}`,
          role: options.role ?? 'student',
          timezone: options.timezone === undefined ? 'UTC' : options.timezone,
          wakeStartMinute: options.wakeStartMinute ?? 0,
          wakeEndMinute: options.wakeEndMinute ?? 0,
          lastPlatform: platforms.at(-1) ?? null,
        })),
      )
      .returning({ id: persons.id });
    ids.push(...rows.map((r) => r.id));
    for (const [rank, platform] of platforms.entries()) {
      if (platform === 'console') continue;
      await db.insert(identities).values(
        rows.map((row) => ({
          orgId: org.orgId,
          personId: row.id,
          spaceId: org.spaceIds[platform],
          platform,
          externalUserId: `${platform === 'slack' ? 'U' : '9'}${row.id.replace(/-/g, '').slice(0, 12)}`,
          dmChannelId: options.withDmChannel ? `D${row.id.replace(/-/g, '').slice(0, 12)}` : null,
          // The last platform in the list is the one used last (persons.last_platform), though
          // its identity row changed earliest: delivery must follow use, not row updates.
          updatedAt: new Date(Date.UTC(2026, 0, 1) - rank * 60_000),
        })),
      );
    }
  }
  return ids;
}

export async function seedContact(
  db: Db,
  org: SeededOrg,
  ownerId: string,
  fields: { stage: Stage; name?: string; stageChangedAt?: Date; snoozedUntil?: Date | null; number?: number },
): Promise<string> {
  const at = fields.stageChangedAt ?? new Date('2026-11-01T00:00:00Z');
  const [row] = await db
    .insert(contacts)
    .values({
      orgId: org.orgId,
      ownerId,
      number: fields.number ?? 1,
      name: fields.name ?? 'Jane Doe',
      stage: fields.stage,
      stageChangedAt: at,
      lastActivityAt: at,
      snoozedUntil: fields.snoozedUntil ?? null,
    })
    .returning({ id: contacts.id });
  return row!.id;
}

export interface NudgeSeed {
  personId: string;
  kind?: NudgeRecord['kind'];
  dueAt: Date;
  contactId?: string | null;
  expectedStage?: Stage | null;
  dedupeKey?: string;
  payload?: Record<string, unknown>;
}

/** Puts nudges in the outbox (pending); returns their ids in order. */
export async function seedNudges(db: Db, org: SeededOrg, seeds: readonly NudgeSeed[]): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < seeds.length; offset += 1000) {
    const rows = await db
      .insert(nudges)
      .values(
        seeds.slice(offset, offset + 1000).map((seed) => ({
          orgId: org.orgId,
          personId: seed.personId,
          contactId: seed.contactId ?? null,
          kind: seed.kind ?? 'reflect',
          dedupeKey: seed.dedupeKey ?? `test:${randomUUID()}`,
          expectedStage: seed.expectedStage ?? null,
          dueAt: seed.dueAt,
          payload: seed.payload ?? {},
        })),
      )
      .returning({ id: nudges.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A row of the outbox as stored. */
export type NudgeRow = NudgeRecord & typeof nudges.$inferSelect;

export async function nudgeById(db: Db, id: string): Promise<NudgeRow | undefined> {
  const [row] = await db.select().from(nudges).where(eq(nudges.id, id));
  return row as NudgeRow | undefined;
}

export async function nudgesOf(db: Db, ids?: readonly string[]): Promise<NudgeRow[]> {
  const query = db.select().from(nudges);
  const rows = ids ? await query.where(inArray(nudges.id, [...ids])).orderBy(asc(nudges.dueAt)) : await query;
  return rows as NudgeRow[];
}

export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await db.select({ status: nudges.status }).from(nudges)) {
    counts[row.status] = (counts[row.status] ?? 0) + 1;
  }
  return counts;
}
