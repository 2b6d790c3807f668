/** What conversations were worth (`outcome`) and the student's decisions (`decide`). */

export const RATINGS = ['useful', 'somewhat', 'not'] as const;
export type Rating = (typeof RATINGS)[number];
export const EFFECTS = ['confirmed', 'new direction', 'ruled out', 'unsure'] as const;
export type Effect = (typeof EFFECTS)[number];
export const DECISIONS = ['keep exploring', 'focus', 'change'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Outcome {
  contactId: string;
  rating: Rating;
  effect: Effect | null;
  ratedAt: Date;
}

/** How many of each, for a coordinator's figures: counts only, never whose or about whom. */
export interface OutcomeCounts {
  ratings: Partial<Record<Rating, number>>;
  effects: Partial<Record<Effect, number>>;
  decisions: Partial<Record<Decision, number>>;
}

export interface OutcomeRepository {
  /** Outcomes rated and decisions taken since `since` by the organization's people (or these ones). */
  counts(orgId: string, since: Date, personIds?: ReadonlySet<string>): Promise<OutcomeCounts>;
  /** Records (or replaces) the outcome of one of the owner's contacts. */
  rate(orgId: string, ownerId: string, outcome: Outcome): Promise<void>;
  listForOwner(ownerId: string): Promise<Outcome[]>;
  /** Says what a rated conversation changed; null when the contact has no rating to add it to. */
  setEffect(ownerId: string, contactId: string, effect: Effect): Promise<Outcome | null>;
  decide(orgId: string, personId: string, decision: Decision, at: Date): Promise<void>;
  decisionsOf(personId: string): Promise<{ decision: Decision; decidedAt: Date }[]>;
}
