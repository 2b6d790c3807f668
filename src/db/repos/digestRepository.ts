/**
 * The digest's port: settings, the rows its figures are computed from, and the disclosure log.
 * Every query filters on `org_id` and selects only the columns the figures need: never a note, a
 * question, meeting topics, nor a contact's email, profile or title.
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { DigestFacts } from '../../core/digest/digestFacts.js';
import type { DigestLogEntry, DigestRepository, DigestSettings } from '../../core/digest/digestPorts.js';
import { DEFAULT_DIGEST_MINUTE, DEFAULT_DIGEST_WEEKDAY } from '../../core/digest/digestSchedule.js';
import type { Db } from '../engine.js';
import {
  contacts,
  digestLog,
  digestLogStudents,
  digestSettings,
  meetings,
  persons,
  timelineEvents,
} from '../schema.js';

export const defaultDigestSettings = (orgId: string): DigestSettings => ({
  orgId,
  platform: null,
  channelId: null,
  weekday: DEFAULT_DIGEST_WEEKDAY,
  minuteOfDay: DEFAULT_DIGEST_MINUTE,
  enabled: true,
  attachCsv: false,
});

const settingsColumns = {
  orgId: digestSettings.orgId,
  platform: digestSettings.platform,
  channelId: digestSettings.channelId,
  weekday: digestSettings.weekday,
  minuteOfDay: digestSettings.minuteOfDay,
  enabled: digestSettings.enabled,
  attachCsv: digestSettings.attachCsv,
};

const logColumns = {
  id: digestLog.id,
  orgId: digestLog.orgId,
  kind: digestLog.kind,
  slot: digestLog.slot,
  recipient: digestLog.recipient,
  requestedById: digestLog.requestedById,
  studentCount: digestLog.studentCount,
  sentAt: digestLog.sentAt,
  createdAt: digestLog.createdAt,
};

/** Reads the rows the digest is computed from. */
async function loadDigestFacts(db: Db, orgId: string, since: Date, until: Date): Promise<DigestFacts> {
  const [personRows, contactRows, eventRows, meetingRows] = await Promise.all([
    db
      .select({ id: persons.id, displayName: persons.displayName, role: persons.role })
      .from(persons)
      .where(eq(persons.orgId, orgId)),
    db
      .select({
        id: contacts.id,
        ownerId: contacts.ownerId,
        name: contacts.name,
        company: contacts.company,
        stage: contacts.stage,
        lastActivityAt: contacts.lastActivityAt,
      })
      .from(contacts)
      .where(eq(contacts.orgId, orgId)),
    // Through timeline_org_occurred_idx (org_id, occurred_at); the body is never read.
    db
      .select({
        contactId: timelineEvents.contactId,
        ownerId: contacts.ownerId,
        authorId: timelineEvents.authorId,
        kind: timelineEvents.kind,
        toStage: timelineEvents.toStage,
        occurredAt: timelineEvents.occurredAt,
      })
      .from(timelineEvents)
      .innerJoin(contacts, eq(contacts.id, timelineEvents.contactId))
      .where(
        and(
          eq(timelineEvents.orgId, orgId),
          gt(timelineEvents.occurredAt, since),
          lte(timelineEvents.occurredAt, until),
        ),
      ),
    // Through meetings_org_starts_idx (org_id, starts_at); topics are never read.
    db
      .select({
        id: meetings.id,
        studentId: meetings.studentId,
        contactId: meetings.contactId,
        mentorId: meetings.mentorId,
        startsAt: meetings.startsAt,
        durationMinutes: meetings.durationMinutes,
        heldAt: meetings.heldAt,
        loggedByStudent: meetings.loggedByStudent,
        loggedByMentor: meetings.loggedByMentor,
      })
      .from(meetings)
      .where(
        and(
          eq(meetings.orgId, orgId),
          isNull(meetings.cancelledAt),
          gt(meetings.startsAt, since),
          lte(meetings.startsAt, until),
        ),
      ),
  ]);
  return { persons: personRows, contacts: contactRows, events: eventRows, meetings: meetingRows };
}

/** Writes the students of a log entry (one row each) in the caller's transaction. */
export async function insertLogStudents(
  db: Db,
  orgId: string,
  digestLogId: string,
  studentIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(studentIds)];
  if (unique.length === 0) return;
  // Only persons of the same organization, so the log can never point across organizations.
  const known = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.orgId, orgId), inArray(persons.id, unique)));
  if (known.length === 0) return;
  await db
    .insert(digestLogStudents)
    .values(known.map((p) => ({ digestLogId, personId: p.id, orgId })))
    .onConflictDoNothing();
}

export function digestRepository(db: Db): DigestRepository {
  return {
    settings: async (orgId) => {
      const [row] = await db
        .select(settingsColumns)
        .from(digestSettings)
        .where(eq(digestSettings.orgId, orgId));
      return row ?? defaultDigestSettings(orgId);
    },

    saveSettings: async (orgId, patch) => {
      const [row] = await db
        .insert(digestSettings)
        .values({ ...defaultDigestSettings(orgId), ...patch, orgId })
        .onConflictDoUpdate({ target: digestSettings.orgId, set: patch })
        .returning(settingsColumns);
      if (!row) throw new Error('digest settings not saved');
      return row;
    },

    facts: (orgId, since, until) => loadDigestFacts(db, orgId, since, until),

    record: async (entry) => {
      const [row] = await db
        .insert(digestLog)
        .values({
          orgId: entry.orgId,
          kind: entry.kind,
          recipient: entry.recipient,
          requestedById: entry.requestedById,
          studentCount: new Set(entry.studentIds).size,
          sentAt: entry.sentAt,
        })
        .returning(logColumns);
      if (!row) throw new Error('digest log entry not saved');
      await insertLogStudents(db, entry.orgId, row.id, entry.studentIds);
      return { ...row, kind: row.kind };
    },

    listLog: async (orgId, limit) => {
      const rows = await db
        .select(logColumns)
        .from(digestLog)
        .where(and(eq(digestLog.orgId, orgId), isNotNull(digestLog.sentAt)))
        .orderBy(desc(digestLog.sentAt), desc(digestLog.createdAt))
        .limit(limit);
      return rows.map((r): DigestLogEntry => ({ ...r, kind: r.kind }));
    },

    slotTaken: async (orgId, slot) => {
      const [row] = await db
        .select({ id: digestLog.id })
        .from(digestLog)
        .where(and(eq(digestLog.orgId, orgId), eq(digestLog.slot, slot)));
      return row !== undefined;
    },

    disclosuresAbout: async (orgId, personId) => {
      const rows = await db
        .select({ kind: digestLog.kind, recipient: digestLog.recipient, sentAt: digestLog.sentAt })
        .from(digestLogStudents)
        .innerJoin(digestLog, eq(digestLog.id, digestLogStudents.digestLogId))
        .where(
          and(
            eq(digestLogStudents.orgId, orgId),
            eq(digestLogStudents.personId, personId),
            isNotNull(digestLog.sentAt),
          ),
        )
        .orderBy(desc(digestLog.sentAt));
      return rows.map((r) => ({
        kind: r.kind,
        recipient: r.recipient,
        sentAt: r.sentAt as Date,
      }));
    },
  };
}
