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

export interface OutcomeRepository {
  /** Records (or replaces) the outcome of one of the owner's contacts. */
  rate(orgId: string, ownerId: string, outcome: Outcome): Promise<void>;
  listForOwner(ownerId: string): Promise<Outcome[]>;
  decide(orgId: string, personId: string, decision: Decision, at: Date): Promise<void>;
  decisionsOf(personId: string): Promise<{ decision: Decision; decidedAt: Date }[]>;
}
