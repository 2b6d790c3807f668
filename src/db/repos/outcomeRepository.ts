import { asc, eq } from 'drizzle-orm';
import type { Decision, Effect, OutcomeRepository, Rating } from '../../core/pipeline/outcomePorts.js';
import type { Db } from '../engine.js';
import { contactOutcomes, decisions } from '../schema.js';

export function outcomeRepository(db: Db): OutcomeRepository {
  return {
    rate: async (orgId, ownerId, outcome) => {
      const values = { rating: outcome.rating, effect: outcome.effect, ratedAt: outcome.ratedAt };
      await db
        .insert(contactOutcomes)
        .values({ orgId, ownerId, contactId: outcome.contactId, ...values })
        .onConflictDoUpdate({ target: contactOutcomes.contactId, set: values });
    },
    listForOwner: async (ownerId) => {
      const rows = await db
        .select()
        .from(contactOutcomes)
        .where(eq(contactOutcomes.ownerId, ownerId))
        .orderBy(asc(contactOutcomes.ratedAt));
      return rows.map((r) => ({
        contactId: r.contactId,
        rating: r.rating as Rating,
        effect: r.effect as Effect | null,
        ratedAt: r.ratedAt,
      }));
    },
    decide: async (orgId, personId, decision, at) => {
      await db.insert(decisions).values({ orgId, personId, decision, decidedAt: at });
    },
    decisionsOf: async (personId) => {
      const rows = await db
        .select({ decision: decisions.decision, decidedAt: decisions.decidedAt })
        .from(decisions)
        .where(eq(decisions.personId, personId))
        .orderBy(asc(decisions.decidedAt));
      return rows.map((r) => ({ decision: r.decision as Decision, decidedAt: r.decidedAt }));
    },
  };
}
