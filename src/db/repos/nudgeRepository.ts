import { and, asc, eq, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { NudgeKind } from '../../core/domain.js';
import type { NudgeRepository, NudgeScope, PlannedNudge } from '../../core/nudges/nudgePorts.js';
import type { Db } from '../engine.js';
import { nudges } from '../schema.js';
import { lastMessagesOfKinds } from './mentorReminderRows.js';

/** The nudges that name students in a `students` map: a mentor's reminder and introduction. */
const STUDENT_LIST_KINDS: NudgeKind[] = ['mentor_reminder', 'match_intro'];

export function nudgeRepository(db: Db): NudgeRepository {
  return {
    replacePlannedAll: (orgId, plans) => replaceAll(db, orgId, plans),

    listForPerson: async (personId, statuses) =>
      await db
        .select()
        .from(nudges)
        .where(
          and(eq(nudges.personId, personId), statuses ? inArray(nudges.status, [...statuses]) : undefined),
        )
        .orderBy(asc(nudges.dueAt)),

    listPersonLevel: async (personId, kinds) =>
      await db
        .select()
        .from(nudges)
        .where(and(eq(nudges.personId, personId), isNull(nudges.contactId), inArray(nudges.kind, [...kinds])))
        .orderBy(asc(nudges.dueAt)),

    listPendingForPeople: async (personIds) =>
      personIds.length === 0
        ? []
        : await db
            .select()
            .from(nudges)
            .where(and(inArray(nudges.personId, [...personIds]), eq(nudges.status, 'pending'))),

    listForContact: async (contactId) =>
      await db.select().from(nudges).where(eq(nudges.contactId, contactId)).orderBy(asc(nudges.dueAt)),

    getById: async (orgId, id) => {
      const [row] = await db
        .select()
        .from(nudges)
        .where(and(eq(nudges.orgId, orgId), eq(nudges.id, id)));
      return row ?? null;
    },

    ownerOf: async (id) => {
      const [row] = await db
        .select({ orgId: nudges.orgId, personId: nudges.personId })
        .from(nudges)
        .where(eq(nudges.id, id));
      return row ?? null;
    },

    postpone: async (filter, until) => {
      const rows = await db
        .update(nudges)
        .set({ dueAt: until })
        .where(
          and(
            eq(nudges.status, 'pending'),
            lt(nudges.dueAt, until),
            filter.contactId ? eq(nudges.contactId, filter.contactId) : undefined,
            filter.nudgeId ? eq(nudges.id, filter.nudgeId) : undefined,
          ),
        )
        .returning({ id: nudges.id });
      return rows.length;
    },

    cancel: async (filter) => {
      if (!filter.nudgeId && !filter.contactId && !filter.personId) throw new Error('cancel needs a filter');
      const rows = await db
        .update(nudges)
        .set({ status: 'cancelled' })
        .where(
          and(
            eq(nudges.status, 'pending'),
            filter.nudgeId ? eq(nudges.id, filter.nudgeId) : undefined,
            filter.contactId ? eq(nudges.contactId, filter.contactId) : undefined,
            filter.personId ? eq(nudges.personId, filter.personId) : undefined,
          ),
        )
        .returning({ id: nudges.id });
      return rows.length;
    },

    enqueue: async (orgId, planned) => {
      if (!planned.length) return;
      await db
        .insert(nudges)
        .values(planned.map((n) => toRow(orgId, n)))
        .onConflictDoNothing({ target: nudges.dedupeKey });
    },

    reschedule: async (nudgeId, dueAt) => {
      await db
        .update(nudges)
        .set({ status: 'pending', dueAt, leaseUntil: null, attempts: 0, lastError: null })
        .where(eq(nudges.id, nudgeId));
    },
    forgetInStudentLists: async (orgId, studentId, mentorId) => {
      const lists = and(
        eq(nudges.orgId, orgId),
        inArray(nudges.kind, STUDENT_LIST_KINDS),
        mentorId ? eq(nudges.personId, mentorId) : undefined,
      );
      await db
        .update(nudges)
        .set({ payload: sql`${nudges.payload} #- array['students', ${studentId}::text]` })
        .where(and(lists, sql`jsonb_exists(${nudges.payload} -> 'students', ${studentId}::text)`));
      await db
        .update(nudges)
        .set({ status: 'cancelled', leaseUntil: null })
        .where(and(lists, eq(nudges.status, 'pending'), sql`${nudges.payload} -> 'students' = '{}'::jsonb`));
    },

    lockPendingOfKind: async (orgId, personId, kind, match) => {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${kind}:${personId}`}))`);
      const [row] = await db
        .select()
        .from(nudges)
        .where(
          and(
            eq(nudges.orgId, orgId),
            eq(nudges.personId, personId),
            eq(nudges.kind, kind),
            eq(nudges.status, 'pending'),
            sql`${nudges.payload} ->> ${match.key}::text = ${match.value}`,
          ),
        )
        .orderBy(asc(nudges.dueAt))
        .limit(1);
      return row ?? null;
    },

    addToPendingList: async (nudgeId, list, id, name) => {
      const entry = sql`jsonb_build_object(${id}::text, ${name}::text)`;
      const changed = await db
        .update(nudges)
        .set({
          payload: sql`jsonb_set(${nudges.payload}, array[${list}::text], coalesce(${nudges.payload} -> ${list}::text, '{}'::jsonb) || ${entry})`,
        })
        .where(and(eq(nudges.id, nudgeId), eq(nudges.status, 'pending')))
        .returning({ id: nudges.id });
      return changed.length > 0;
    },

    lastOfKinds: async (personId, kinds) =>
      (await lastMessagesOfKinds(db, [personId], kinds)).get(personId) ?? null,

    cancelPendingWith: async (orgId, kind, match, personId) => {
      await db
        .update(nudges)
        .set({ status: 'cancelled', leaseUntil: null })
        .where(
          and(
            eq(nudges.orgId, orgId),
            eq(nudges.kind, kind),
            eq(nudges.status, 'pending'),
            personId ? eq(nudges.personId, personId) : undefined,
            sql`${nudges.payload} ->> ${match.key}::text = ${match.value}`,
          ),
        );
    },

    stripPayloads: async (orgId, match, fields) => {
      if (fields.length === 0) return 0;
      // jsonb minus each key; the casts pick the text-key form of `-` and `->>`.
      const stripped = sql.join(
        [sql`${nudges.payload}`, ...fields.map((field) => sql`${field}::text`)],
        sql` - `,
      );
      const changed = await db
        .update(nudges)
        .set({ payload: sql`${stripped}` })
        .where(and(eq(nudges.orgId, orgId), sql`${nudges.payload} ->> ${match.key}::text = ${match.value}`))
        .returning({ id: nudges.id });
      return changed.length;
    },
  };
}

/**
 * Makes each scope's pending nudges equal to its plan, all scopes in one statement: the cancelling
 * update runs as a CTE of the upsert. The two never touch the same row: a key planned in any of
 * the scopes is left out of the cancel (scopes never share keys: a key names its contact or person).
 */
async function replaceAll(db: Db, orgId: string, plans: readonly ScopePlan[]): Promise<void> {
  if (!plans.length) return;
  const keys = plans.flatMap((p) => p.planned.map((n) => n.dedupeKey));
  const stale = and(
    eq(nudges.status, 'pending'),
    or(...plans.map((p) => inScope(p.scope))),
    keys.length ? notInArray(nudges.dedupeKey, keys) : undefined,
  );
  const cancel = db.update(nudges).set({ status: 'cancelled', lastError: 'no longer planned' }).where(stale);
  if (!keys.length) {
    await cancel;
    return;
  }
  const cancelled = db.$with('cancelled').as(cancel.returning({ id: nudges.id }));
  await db
    .with(cancelled)
    .insert(nudges)
    .values(plans.flatMap((p) => p.planned.map((n) => toRow(orgId, n))))
    // Re-planning re-times what still waits and revives what a stage change cancelled; a
    // key already sent (or being sent) is never touched, so it is never delivered twice. A
    // reminder delivered and then snoozed with its buttons (pending, with a sent_at) keeps
    // the time the person chose: planning does not know it.
    .onConflictDoUpdate({
      target: nudges.dedupeKey,
      set: {
        dueAt: sql`case when ${nudges.status} = 'pending' and ${nudges.sentAt} is not null then ${nudges.dueAt} else excluded.due_at end`,
        payload: sql`excluded.payload`,
        expectedStage: sql`excluded.expected_stage`,
        status: 'pending',
        lastError: null,
      },
      setWhere: inArray(nudges.status, ['pending', 'cancelled']),
    });
}

type ScopePlan = { scope: NudgeScope; planned: readonly PlannedNudge[] };

/** A contact's nudges, or a person's contact-less nudges (of the given kinds). */
function inScope(scope: NudgeScope) {
  return scope.contactId
    ? eq(nudges.contactId, scope.contactId)
    : and(
        eq(nudges.personId, scope.personId),
        isNull(nudges.contactId),
        scope.kinds ? inArray(nudges.kind, [...scope.kinds]) : undefined,
      );
}

function toRow(orgId: string, n: PlannedNudge) {
  return {
    orgId,
    personId: n.personId,
    contactId: n.contactId,
    kind: n.kind,
    dedupeKey: n.dedupeKey,
    expectedStage: n.expectedStage,
    dueAt: n.dueAt,
    payload: n.payload ?? {},
  };
}
