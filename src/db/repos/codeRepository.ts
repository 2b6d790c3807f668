import { and, eq, gt, isNull } from 'drizzle-orm';
import type { CodeRepository } from '../../core/people/peoplePorts.js';
import type { Db } from '../engine.js';
import { oneTimeCodes } from '../schema.js';

export function codeRepository(db: Db): CodeRepository {
  return {
    create: async (code) => {
      await db.insert(oneTimeCodes).values(code);
    },
    consume: async (purpose, codeHash, now) => {
      const [row] = await db
        .update(oneTimeCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(oneTimeCodes.purpose, purpose),
            eq(oneTimeCodes.codeHash, codeHash),
            isNull(oneTimeCodes.usedAt),
            gt(oneTimeCodes.expiresAt, now),
          ),
        )
        .returning();
      return row ?? null;
    },
  };
}
