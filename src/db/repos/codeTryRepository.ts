import { and, asc, eq, gt } from 'drizzle-orm';
import type { CodeTryRepository } from '../../core/people/peoplePorts.js';
import type { Db } from '../engine.js';
import { codeTries } from '../schema.js';

export function codeTryRepository(db: Db): CodeTryRepository {
  return {
    record: async ({ orgId, personId, purpose, at }) => {
      const [row] = await db
        .insert(codeTries)
        .values({ orgId, personId, purpose, triedAt: at })
        .returning({ id: codeTries.id });
      return row!.id;
    },
    triedSince: async (personId, purpose, since) =>
      (
        await db
          .select({ at: codeTries.triedAt })
          .from(codeTries)
          .where(
            and(
              eq(codeTries.personId, personId),
              eq(codeTries.purpose, purpose),
              gt(codeTries.triedAt, since),
            ),
          )
          .orderBy(asc(codeTries.triedAt))
      ).map((row) => row.at),
    forget: async (id) => {
      await db.delete(codeTries).where(eq(codeTries.id, id));
    },
  };
}
