/** Small builders for the nudge and coaching tests: each test states only what it cares about. */

import type { NudgeRecord } from '../../../../src/core/nudges/nudgePorts.js';
import type { WakingHours } from '../../../../src/core/nudges/wakingHours.js';
import type { Person } from '../../../../src/core/people/peoplePorts.js';
import type { Contact } from '../../../../src/core/pipeline/contactPorts.js';
import type { Meeting } from '../../../../src/core/pipeline/meetingPorts.js';

let sequence = 0;
const nextId = (prefix: string): string => {
  sequence += 1;
  return `${prefix}-${sequence}`;
};

export const at = (iso: string): Date => new Date(iso);

export function makeContact(overrides: Partial<Contact> = {}): Contact {
  const createdAt = overrides.createdAt ?? at('2026-11-02T15:00:00Z');
  return {
    id: nextId('contact'),
    orgId: 'org-1',
    ownerId: 'person-1',
    number: 1,
    name: 'Jane Doe',
    company: null,
    title: null,
    field: null,
    source: null,
    referredById: null,
    email: null,
    profileUrl: null,
    personId: null,
    stage: 'identified',
    stageChangedAt: createdAt,
    lastActivityAt: createdAt,
    snoozedUntil: null,
    createdAt,
    ...overrides,
  };
}

export function makeMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: nextId('meeting'),
    orgId: 'org-1',
    studentId: 'person-1',
    contactId: null,
    mentorId: null,
    startsAt: at('2026-11-10T15:00:00Z'),
    durationMinutes: 30,
    mode: 'video',
    loggedByStudent: true,
    loggedByMentor: false,
    topics: null,
    heldAt: null,
    cancelledAt: null,
    createdAt: at('2026-11-02T15:00:00Z'),
    ...overrides,
  };
}

export function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'person-1',
    orgId: 'org-1',
    displayName: 'Maria Lopez',
    role: 'student',
    timezone: 'UTC',
    timezoneSetByUser: true,
    rejectedTimezone: null,
    timezoneNoticeAt: null,
    locale: null,
    wakeStartMinute: 9 * 60,
    wakeEndMinute: 20 * 60,
    lastActiveAt: null,
    lastPlatform: 'slack',
    welcomedAt: null,
    createdAt: at('2026-10-01T00:00:00Z'),
    ...overrides,
  };
}

export function makeNudge(overrides: Partial<NudgeRecord> = {}): NudgeRecord {
  return {
    id: nextId('nudge'),
    orgId: 'org-1',
    kind: 'follow_up',
    dedupeKey: nextId('key'),
    personId: 'person-1',
    contactId: null,
    expectedStage: null,
    dueAt: at('2026-11-10T09:00:00Z'),
    status: 'pending',
    attempts: 0,
    leaseUntil: null,
    lastError: null,
    sentAt: null,
    platformMessageId: null,
    payload: {},
    ...overrides,
  };
}

/** Waking hours 09:00 to 20:00 unless told otherwise. */
export function hoursIn(timezone: string, startMinute = 9 * 60, endMinute = 20 * 60): WakingHours {
  return { timezone, startMinute, endMinute };
}
