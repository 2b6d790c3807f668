import { and, asc, eq, gte } from 'drizzle-orm';
import type { OutcomeCounts, OutcomeRepository } from '../../core/pipeline/outcomePorts.js';
import type { Db } from '../engine.js';
import { contactOutcomes, decisions } from '../schema.js';

export function outcomeRepository(db: Db): OutcomeRepository {
  return {
    counts: async (orgId, since, personIds) => {
      const [rated, decided] = await Promise.all([
        db
          .select({
            owner: contactOutcomes.ownerId,
            rating: contactOutcomes.rating,
            effect: contactOutcomes.effect,
          })
          .from(contactOutcomes)
          .where(and(eq(contactOutcomes.orgId, orgId), gte(contactOutcomes.ratedAt, since))),
        db
          .select({ owner: decisions.personId, decision: decisions.decision })
          .from(decisions)
          .where(and(eq(decisions.orgId, orgId), gte(decisions.decidedAt, since))),
      ]);
      const counts: OutcomeCounts = { ratings: {}, effects: {}, decisions: {} };
      const bump = <K extends string>(into: Partial<Record<K, number>>, key: K) => {
        into[key] = (into[key] ?? 0) + 1;
      };
      for (const r of rated.filter((x) => !personIds || personIds.has(x.owner))) {
        bump(counts.ratings, r.rating);
        if (r.effect) bump(counts.effects, r.effect);
      }
      for (const d of decided.filter((x) => !personIds || personIds.has(x.owner)))
        bump(counts.decisions, d.decision);
      return counts;
    },

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
        rating: r.rating,
        effect: r.effect,
        ratedAt: r.ratedAt,
      }));
    },
    setEffect: async (ownerId, contactId, effect) => {
      const [row] = await db
        .update(contactOutcomes)
        .set({ effect })
        .where(and(eq(contactOutcomes.ownerId, ownerId), eq(contactOutcomes.contactId, contactId)))
        .returning();
      return row ? { contactId: row.contactId, rating: row.rating, effect, ratedAt: row.ratedAt } : null;
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
      return rows.map((r) => ({ decision: r.decision, decidedAt: r.decidedAt }));
    },
  };
}
