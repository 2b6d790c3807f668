import { asc, eq, sql } from 'drizzle-orm';
import type { QuestionRepository } from '../../core/pipeline/contactPorts.js';
import type { Db } from '../engine.js';
import { questions } from '../schema.js';
import { theRow } from './rows.js';

export function questionRepository(db: Db): QuestionRepository {
  return {
    add: async (orgId, contactId, text) => {
      const [next] = await db
        .select({ n: sql<number>`coalesce(max(${questions.position}), 0) + 1` })
        .from(questions)
        .where(eq(questions.contactId, contactId));
      return theRow(
        await db
          .insert(questions)
          .values({ orgId, contactId, text, position: Number(next?.n ?? 1) })
          .returning(),
        'question insert',
      );
    },
    listForContact: async (contactId) =>
      await db
        .select()
        .from(questions)
        .where(eq(questions.contactId, contactId))
        .orderBy(asc(questions.position)),
  };
}
