/**
 * The nudge rules in one place for callers: what to plan per contact and per person, and the
 * relevance check at delivery. Each rule lives in the file named after its scope.
 */
export { type ContactNudgeState, planContactNudges, type SentNudge } from './contactNudges.js';
export {
  isStillRelevant,
  OBSOLETE_REASONS,
  type ObsoleteReason,
  type Relevance,
  type RelevanceFacts,
} from './nudgeRelevance.js';
export { type PersonNudgeState, pipelineNeedsAttention, planPersonNudges } from './personNudges.js';
