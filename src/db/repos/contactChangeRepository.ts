/**
 * A contact's change as one statement: the contact updated, its timeline entries added and, with
 * it, a meeting saved (data-modifying CTEs), or a new contact with its first entry. The rows come
 * back as JSON (jsonRows.ts). Keeps the unit of work's contact list up to date, as the contact
 * repository does.
 */
import { and, eq, sql } from 'drizzle-orm';
import type {
  Contact,
  ContactChangeRepository,
  NewContact,
  NewContactEntry,
} from '../../core/pipeline/contactPorts.js';
import type { Db } from '../engine.js';
import { contacts, meetings, stageEnum, timelineEvents, timelineKindEnum } from '../schema.js';
import type { ContactLists } from './contactRepository.js';
import { rowFromJson } from './jsonRows.js';
import type { LatestMeetings } from './meetingRepository.js';

export function contactChangeRepository(
  db: Db,
  lists: ContactLists,
  latest: LatestMeetings,
): ContactChangeRepository {
  return {
    apply: async ({ ownerId, contactId, patch, entries, meeting }) => {
      if (meeting) latest.clear();
      const saved = meeting
        ? db
            .$with('saved_meeting')
            .as(
              'create' in meeting
                ? db.insert(meetings).values(meeting.create).returning()
                : db.update(meetings).set(meeting.patch).where(eq(meetings.id, meeting.id)).returning(),
            )
        : undefined;
      const added = entries.length
        ? db
            .$with('added_entries')
            .as(db.insert(timelineEvents).values(entries).returning({ id: timelineEvents.id }))
        : undefined;
      const changed = db.$with('changed_contact').as(
        db
          .update(contacts)
          .set(patch)
          .where(and(eq(contacts.ownerId, ownerId), eq(contacts.id, contactId)))
          .returning(),
      );
      const [row] = await db
        .with(...[saved, added, changed].filter((cte) => cte !== undefined))
        .select({
          contact: sql<unknown>`(select row_to_json(c) from ${changed} c)`,
          meeting: saved ? sql<unknown>`(select row_to_json(m) from ${saved} m)` : sql<unknown>`null`,
        })
        .from(sql`(select 1) as one`);
      if (!row?.contact) throw new Error('contact change: no row');
      const contact = rowFromJson(contacts, asJson(row.contact));
      const known = lists.get(ownerId);
      const at = known?.findIndex((c) => c.id === contactId) ?? -1;
      if (known && at >= 0) known[at] = contact;
      else lists.delete(ownerId);
      const savedMeeting = row.meeting ? rowFromJson(meetings, asJson(row.meeting)) : null;
      if (meeting && !savedMeeting) throw new Error('contact change: meeting not saved');
      return { contact, meeting: savedMeeting };
    },

    create: async (input, entry) => {
      // The next number is read by the insert itself. Two adds of one person at once may pick the
      // same one: the later insert then adds nothing (the owner-and-number index) and tries again
      // in a new statement, which sees the other contact. No row lock: a transaction waits only on
      // another's uncommitted contact, never while holding one, so adds cannot deadlock, and each
      // retry follows another add that succeeded.
      for (let attempt = 1; attempt <= MAX_NUMBER_TRIES; attempt++) {
        const contact = await insertNumbered(db, input, entry);
        if (!contact) continue;
        // Numbers follow each other: any other number means the list read earlier is not the whole list.
        const known = lists.get(input.ownerId);
        if (known && contact.number === (known.at(-1)?.number ?? 0) + 1) known.push(contact);
        else lists.delete(input.ownerId);
        return contact;
      }
      throw new Error('contact insert: no free number');
    },
  };
}

/** Far more than adds of one person at once; only a bug reaches it. */
const MAX_NUMBER_TRIES = 100;

const column = (c: { name: string }) => sql.identifier(c.name);

/** The contact with the next number of its owner and its first timeline entry; null when the number was taken. */
async function insertNumbered(db: Db, input: NewContact, entry: NewContactEntry): Promise<Contact | null> {
  const next = sql`(select coalesce(max(${contacts.number}), 0) + 1 from ${contacts} where ${contacts.ownerId} = ${input.ownerId})`;
  const created = db.$with('created_contact').as(
    db
      .insert(contacts)
      .values({ ...input, number: next })
      .onConflictDoNothing({ target: [contacts.ownerId, contacts.number] })
      .returning(),
  );
  const t = timelineEvents;
  const first = db.$with('first_entry', {}).as(
    sql`insert into ${t} (${column(t.orgId)}, ${column(t.contactId)}, ${column(t.authorId)}, ${column(t.kind)}, ${column(t.fromStage)}, ${column(t.toStage)}, ${column(t.body)}, ${column(t.occurredAt)})
      select c.org_id, c.id, ${entry.authorId}::uuid, ${entry.kind}::${sql.identifier(timelineKindEnum.enumName)},
        ${entry.fromStage}::${sql.identifier(stageEnum.enumName)}, ${entry.toStage}::${sql.identifier(stageEnum.enumName)},
        ${entry.body}::text, ${entry.occurredAt.toISOString()}::timestamptz
      from ${created} c`,
  );
  const [row] = await db
    .with(created, first)
    .select({ contact: sql<unknown>`(select row_to_json(c) from ${created} c)` })
    .from(sql`(select 1) as one`);
  return row?.contact ? rowFromJson(contacts, asJson(row.contact)) : null;
}

function asJson(value: unknown): Record<string, unknown> {
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
}
