/**
 * The vocabulary of the product: stages, sources, meeting modes, roles, platforms.
 * Each is one `as const` list; the database enums and the command options derive from these.
 */

const MAIN_PATH = ['identified', 'reached_out', 'scheduled', 'met', 'thanked', 'keeping_in_touch'] as const;
const EXITS = ['no_reply', 'declined', 'archived'] as const;

export const STAGES = [...MAIN_PATH, ...EXITS] as const;
export type Stage = (typeof STAGES)[number];

/** The main path, in order; the rest are side exits. */
export const PIPELINE: readonly Stage[] = MAIN_PATH;
export const SIDE_EXITS: readonly Stage[] = EXITS;
/** Stages in which a contact still asks something of the student: the main path. */
export const OPEN_STAGES: readonly Stage[] = PIPELINE;

export const STAGE_LABELS: Record<Stage, string> = {
  identified: 'Identified',
  reached_out: 'Reached out',
  scheduled: 'Scheduled',
  met: 'Met',
  thanked: 'Thanked',
  keeping_in_touch: 'Keeping in touch',
  no_reply: 'No reply',
  declined: 'Declined',
  archived: 'Archived',
};

export const SOURCES = [
  'alumni',
  'professional_association',
  'former_colleague',
  'friends_family',
  'linkedin',
  'social_media',
  'event',
  'referral',
  'other',
] as const;
export type Source = (typeof SOURCES)[number];

export const SOURCE_LABELS: Record<Source, string> = {
  alumni: 'Alumni association',
  professional_association: 'Professional association',
  former_colleague: 'Former colleague',
  friends_family: 'Friends and family',
  linkedin: 'LinkedIn',
  social_media: 'Social media',
  event: 'Event',
  referral: 'Referral',
  other: 'Other',
};

export const MEETING_MODES = ['in_person', 'phone', 'video', 'email'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];
export const MODE_LABELS: Record<MeetingMode, string> = {
  in_person: 'in person',
  phone: 'phone',
  video: 'video',
  email: 'email',
};

export const ROLES = ['student', 'mentor', 'coordinator', 'advisor'] as const;
export type Role = (typeof ROLES)[number];

/** Whom a command is for: the sections of help, and on Discord the top-level command it sits under. */
export const AUDIENCES = ['student', 'mentor', 'coordinator'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const PLATFORMS = ['slack', 'discord', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const TIMELINE_KINDS = [
  'created',
  'stage',
  'note',
  'interaction',
  'question',
  'referral',
  'meeting',
  'snooze',
  'mentor_log',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const NUDGE_KINDS = [
  'follow_up',
  'prepare',
  'thank_you',
  'debrief',
  'keep_in_touch',
  'second_conversation',
  'weekly_pipeline',
  'reflect',
  'thank_referrer',
  /** Not a reminder: tells a student that a mentor logged a meeting with them. */
  'mentor_logged',
  /** Not a reminder: introduces a mentor and a student that a coordinator matched. */
  'match_intro',
  /** Not a reminder: a cohort member's welcome (`cohort welcome`), once per person. */
  'welcome',
  /** A mentor's gentle reminder of matched students with no meeting logged for 21 days. */
  'mentor_reminder',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

export const NUDGE_STATUSES = ['pending', 'sending', 'sent', 'cancelled', 'failed'] as const;
export type NudgeStatus = (typeof NUDGE_STATUSES)[number];

/** Longest text a person may type into one field. */
export const MAX_TEXT_LENGTH = 4000;
