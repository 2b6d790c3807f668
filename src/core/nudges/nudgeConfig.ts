/**
 * The timing of nudges. Each organization may override any value; overrides are stored as JSON,
 * so they are checked here and anything unknown or out of range is ignored.
 */
import { DEFAULT_WAKE_END_MINUTE, DEFAULT_WAKE_START_MINUTE } from './wakingHours.js';

/** Nudge timing for one organization. */
export interface NudgeConfig {
  /** Days after the last contact (or the last follow-up) before the next follow-up reminder. */
  followUpDays: number;
  /** Follow-up reminders per outreach; after the last one the student is told to move on. */
  maxFollowUps: number;
  /** Hours before a meeting for the preparation reminder. */
  prepHoursBefore: number;
  /** Hours after a meeting ends for the first thank-you reminder. */
  thankYouHoursAfter: number;
  /** Days after the thank-you for the keep-in-touch reminder. */
  keepInTouchDays: number;
  /** Days after the meeting for the second-conversation reminder. */
  secondConversationDays: number;
  /** Open contacts a healthy list holds; fewer triggers the weekly pipeline nudge. */
  pipelineTarget: number;
  /** Days without activity that trigger the weekly pipeline nudge. */
  inactivityDays: number;
  /** Meetings held that trigger the reflection nudge. */
  reflectMeetings: number;
  /** Days after the first outreach that trigger the reflection nudge. */
  reflectDays: number;
  /** Default waking window for new people, minutes after local midnight. */
  wakeStartMinute: number;
  wakeEndMinute: number;
}

/** The product's defaults (see PRODUCT.md, Nudges). */
export const DEFAULT_NUDGE_CONFIG: Readonly<NudgeConfig> = Object.freeze({
  followUpDays: 7,
  maxFollowUps: 3,
  prepHoursBefore: 24,
  thankYouHoursAfter: 2,
  keepInTouchDays: 30,
  secondConversationDays: 90,
  pipelineTarget: 10,
  inactivityDays: 14,
  reflectMeetings: 3,
  reflectDays: 28,
  wakeStartMinute: DEFAULT_WAKE_START_MINUTE,
  wakeEndMinute: DEFAULT_WAKE_END_MINUTE,
});

/** The range one value may take. */
export interface Limit {
  min: number;
  max: number;
  /** The minimum itself is not allowed (durations must be positive). */
  exclusiveMin?: boolean;
  integer?: boolean;
}

/** What each value may be; anything outside is ignored (and refused by `nudges set`). */
export const LIMITS: Record<keyof NudgeConfig, Limit> = {
  followUpDays: { min: 0, max: 365, exclusiveMin: true },
  maxFollowUps: { min: 0, max: 10, integer: true },
  prepHoursBefore: { min: 0, max: 24 * 30, exclusiveMin: true },
  thankYouHoursAfter: { min: 0, max: 24 * 7 },
  keepInTouchDays: { min: 0, max: 365, exclusiveMin: true },
  secondConversationDays: { min: 0, max: 730, exclusiveMin: true },
  pipelineTarget: { min: 1, max: 100, integer: true },
  inactivityDays: { min: 0, max: 365, exclusiveMin: true },
  reflectMeetings: { min: 1, max: 100, integer: true },
  reflectDays: { min: 0, max: 365, exclusiveMin: true },
  wakeStartMinute: { min: 0, max: 24 * 60 - 1, integer: true },
  wakeEndMinute: { min: 0, max: 24 * 60, integer: true },
};

/** True when `value` is a number the limit allows. */
export function isAllowed(value: unknown, limit: Limit): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (limit.integer && !Number.isInteger(value)) return false;
  if (limit.exclusiveMin ? value <= limit.min : value < limit.min) return false;
  return value <= limit.max;
}

/**
 * The defaults with an organization's overrides applied. Unknown keys and values that are not
 * numbers, not whole where they must be, or out of range are ignored.
 */
export function resolveNudgeConfig(overrides: Record<string, number> | null | undefined): NudgeConfig {
  const config: NudgeConfig = { ...DEFAULT_NUDGE_CONFIG };
  if (!overrides || typeof overrides !== 'object') return config;
  for (const key of Object.keys(LIMITS) as (keyof NudgeConfig)[]) {
    if (!Object.hasOwn(overrides, key)) continue;
    const value: unknown = overrides[key];
    if (isAllowed(value, LIMITS[key])) config[key] = value;
  }
  return config;
}
