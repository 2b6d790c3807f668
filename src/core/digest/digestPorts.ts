/**
 * The digest's ports: where and when each organization's weekly digest goes, the facts it is
 * computed from, and the record of every digest, preview, stats and report that named students.
 * `src/db/repos/digestRepository.ts` implements them.
 */

import type { Platform } from '../domain.js';
import type { DigestFacts } from './digestFacts.js';

/** Where and when an organization's weekly digest goes. */
export interface DigestSettings {
  orgId: string;
  /** The platform of the digest channel; null (with `channelId` null) means coordinators get DMs. */
  platform: Platform | null;
  channelId: string | null;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes after midnight in the organization's time zone. */
  minuteOfDay: number;
  enabled: boolean;
  /** Whether the digest (and its preview) carries the per-student CSV file; off by default. */
  attachCsv: boolean;
}

export type DigestSettingsPatch = Partial<
  Pick<DigestSettings, 'platform' | 'channelId' | 'weekday' | 'minuteOfDay' | 'enabled' | 'attachCsv'>
>;

/**
 * What was sent: the scheduled digest, an advisor's scheduled digest of their cohorts, a preview,
 * `stats`, or a `report`.
 */
export const DIGEST_KINDS = ['digest', 'advisor_digest', 'preview', 'stats', 'report'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** One line of the disclosure log: who received which students' data, and when. */
export interface DigestLogEntry {
  id: string;
  orgId: string;
  kind: DigestKind;
  /**
   * The week of a scheduled digest (`2026-W45`; an advisor's is `2026-W45:<advisor id>`, one per
   * advisor and week); null for what a coordinator asked for.
   */
  slot: string | null;
  /** `channel:<platform>:<id>`, or `dm:<personId>` entries separated by commas. */
  recipient: string;
  requestedById: string | null;
  /** How many students' data it carried (their ids are kept in `digest_log_students`). */
  studentCount: number;
  sentAt: Date | null;
  createdAt: Date;
}

export interface NewDigestLogEntry {
  orgId: string;
  kind: DigestKind;
  recipient: string;
  requestedById: string | null;
  studentIds: readonly string[];
  sentAt: Date;
}

/** A digest or report that carried a person's data, as their export lists it. */
export interface Disclosure {
  kind: DigestKind;
  recipient: string;
  sentAt: Date;
}

/** The digest's settings, its rows, and the disclosure log. Every method is scoped to one organization. */
export interface DigestRepository {
  /** The saved settings, or the defaults (Monday 09:00, coordinators' DMs) when none are saved. */
  settings(orgId: string): Promise<DigestSettings>;
  saveSettings(orgId: string, patch: DigestSettingsPatch): Promise<DigestSettings>;
  /** Persons and contacts of the organization, and its timeline entries and meetings after `since`, up to `until` included. */
  facts(orgId: string, since: Date, until: Date): Promise<DigestFacts>;
  /** Records something sent, with the students whose data it carried. */
  record(entry: NewDigestLogEntry): Promise<DigestLogEntry>;
  /** The latest entries that were sent, newest first. */
  listLog(orgId: string, limit: number): Promise<DigestLogEntry[]>;
  /** True when the scheduled digest of that week is sent or being sent. */
  slotTaken(orgId: string, slot: string): Promise<boolean>;
  /** Every digest or report that carried this student's data, newest first (for their export). */
  disclosuresAbout(orgId: string, personId: string): Promise<Disclosure[]>;
}

/** Turns the digest's SVG chart into a PNG. Implemented at the edge (resvg); core only builds SVG. */
export interface ChartRenderer {
  renderPng(svg: string): Uint8Array;
}
