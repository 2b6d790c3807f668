/** What every table shares: timestamps with their zone, the audit columns, and the enums. */
import { sql } from 'drizzle-orm';
import { pgEnum, timestamp } from 'drizzle-orm/pg-core';
import {
  MEETING_MODES,
  NUDGE_STATUSES,
  PLATFORMS,
  ROLES,
  SOURCES,
  STAGES,
  TIMELINE_KINDS,
} from '../../core/domain.js';

/** Every timestamp is `timestamptz`. */
export const ts = (name: string) => timestamp(name, { withTimezone: true });
export const audit = {
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => sql`now()`),
};

export const platformEnum = pgEnum('platform', PLATFORMS);
export const roleEnum = pgEnum('role', ROLES);
export const stageEnum = pgEnum('stage', STAGES);
export const sourceEnum = pgEnum('contact_source', SOURCES);
export const meetingModeEnum = pgEnum('meeting_mode', MEETING_MODES);
export const timelineKindEnum = pgEnum('timeline_kind', TIMELINE_KINDS);
export const nudgeStatusEnum = pgEnum('nudge_status', NUDGE_STATUSES);
