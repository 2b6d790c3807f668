/**
 * How long the worker takes to find (and claim) due nudges when the outbox holds 10,000 and
 * 1,000,000 pending rows, almost all due later and a fixed number due now. With the partial
 * index on due_at, the cost follows what is due, not the size of the table: the ratio of the two
 * times should stay near 1. Prints the EXPLAIN plan of the query at 1,000,000 rows.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '../../src/db/engine.js';
import { claimDue, selectLeaseExpired, selectPendingDue } from '../../src/db/outbox.js';
import { organizations } from '../../src/db/schema.js';
import type { BenchContext, Benchmark } from '../benchmark.js';
import { createScratchDatabase } from '../scratchDatabase.js';

const SIZES = [10_000, 1_000_000] as const;
const DUE = 200;
const BATCH = 50;
const RUNS = 40;
const NOW = new Date('2026-12-01T10:00:00Z');

class Rollback extends Error {}

async function seedPeople(db: Db): Promise<string> {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Bench University' })
    .returning({ id: organizations.id });
  const orgId = org!.id;
  await db.execute(sql`
    insert into persons (org_id, display_name)
    select ${orgId}::uuid, 'Student ' || i from generate_series(1, ${1000}::int) as i`);
  return orgId;
}

/** Fills the outbox with `total` pending rows, of which DUE are due before NOW. */
async function fill(db: Db, orgId: string, total: number): Promise<void> {
  await db.execute(sql`truncate nudges`);
  await db.execute(sql`
    insert into nudges (org_id, person_id, kind, dedupe_key, due_at)
    select ${orgId}::uuid,
           p.ids[1 + (i % p.n)],
           'follow_up',
           'bench:' || i,
           case when i <= ${DUE}::int
                then ${NOW.toISOString()}::timestamptz - make_interval(secs => i)
                else ${NOW.toISOString()}::timestamptz + make_interval(secs => i) end
    from generate_series(1, ${total}::int) as i,
         (select array_agg(id) as ids, count(*)::int as n from persons where org_id = ${orgId}::uuid) as p`);
  await db.execute(sql`vacuum analyze nudges`);
}

type Timing = { median: number; p95: number };

/**
 * Median and 95th percentile over RUNS of `work`, each in a transaction rolled back afterwards so
 * the table stays as it is.
 */
async function time(db: Db, work: (tx: Db) => Promise<number>): Promise<Timing> {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 5; run += 1) {
    let elapsed = 0;
    await db
      .transaction(async (tx) => {
        const started = performance.now();
        const found = await work(tx as unknown as Db);
        elapsed = performance.now() - started;
        if (found !== BATCH) throw new Error(`found ${found} rows, expected ${BATCH}`);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    if (run >= 5) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

/** Finding: the two locking selects the claim starts with. */
const find = async (tx: Db): Promise<number> =>
  (await selectLeaseExpired(tx, BATCH)).length + (await selectPendingDue(tx, NOW, BATCH)).length;

/** Claiming: the whole of claimDue (find, then mark them sending with a lease). */
const claim = async (tx: Db): Promise<number> =>
  (await claimDue(tx, { now: NOW, limit: BATCH, leaseMs: 300_000 })).length;

const ms = (t: Timing) => `${t.median.toFixed(2)} ms median, ${t.p95.toFixed(2)} ms p95`;

/** Runs `body` with its own connection in a transaction that is rolled back (EXPLAIN ANALYZE of FOR UPDATE locks). */
async function rolledBack(url: string, body: (tx: postgres.TransactionSql) => Promise<void>): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client
      .begin(async (tx) => {
        await body(tx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  } finally {
    await client.end();
  }
}

/** The plans of the two finding queries, as EXPLAIN ANALYZE prints them. */
async function explain(url: string, db: Db): Promise<string[]> {
  const lines: string[] = [];
  await rolledBack(url, async (tx) => {
    for (const query of [selectPendingDue(db, NOW, BATCH), selectLeaseExpired(db, BATCH)]) {
      const { sql: text, params } = query.toSQL();
      const rows = await tx.unsafe(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
      lines.push(...rows.map((r) => String(r['QUERY PLAN'])), '');
    }
  });
  return lines;
}

/** The server's own execution time of the pending-due query (median of RUNS), free of network and client noise. */
async function serverTime(url: string, db: Db): Promise<number> {
  const times: number[] = [];
  const { sql: text, params } = selectPendingDue(db, NOW, BATCH).toSQL();
  await rolledBack(url, async (tx) => {
    for (let run = 0; run < RUNS; run += 1) {
      const [row] = await tx.unsafe(`explain (analyze, format json) ${text}`, params as never[]);
      const [plan] = (row as unknown as { 'QUERY PLAN': { 'Execution Time': number }[] })['QUERY PLAN'];
      times.push(plan!['Execution Time']);
    }
  });
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function run(ctx: BenchContext): Promise<void> {
  if (!ctx.config.databaseUrl) {
    ctx.log(
      'skipped: set DATABASE_URL to a PostgreSQL server (a throwaway database is created there and dropped).',
    );
    return;
  }
  const scratch = await createScratchDatabase(ctx.config.databaseUrl, 2);
  try {
    const { db } = scratch.database;
    const orgId = await seedPeople(db);
    const finds: number[] = [];
    const claims: number[] = [];
    const executions: number[] = [];
    let plan: string[] = [];
    for (const size of SIZES) {
      const filling = performance.now();
      await fill(db, orgId, size);
      const filled = (performance.now() - filling) / 1000;
      const found = await time(db, find);
      const claimed = await time(db, claim);
      const execution = await serverTime(scratch.url, db);
      finds.push(found.median);
      claims.push(claimed.median);
      executions.push(execution);
      ctx.log(`${size.toLocaleString('en-US')} pending rows, ${DUE} due (filled in ${filled.toFixed(1)} s):`);
      ctx.log(
        `  find ${BATCH} due: ${ms(found)}; claim ${BATCH} (find + lease, one transaction): ${ms(claimed)}`,
      );
      if (size === SIZES[SIZES.length - 1]) plan = await explain(scratch.url, db);
    }
    const ratio = (values: number[]) => (values[1]! / values[0]!).toFixed(2);
    ctx.log(
      `ratio 1,000,000 / 10,000: server ${ratio(executions)}, find ${ratio(finds)}, claim ${ratio(claims)} ` +
        '(near 1: the cost follows what is due, not the table; client-side times include round trips on a busy machine)',
    );
    ctx.log('EXPLAIN ANALYZE at 1,000,000 rows (pending due rows, then expired leases):');
    for (const line of plan) ctx.log(`  ${line}`);
  } finally {
    await scratch.drop();
  }
}

export const dueQueryBenchmark: Benchmark = {
  name: 'worker-due-query',
  description: 'time to find and claim due nudges with 10,000 and 1,000,000 pending rows (PostgreSQL)',
  run,
};
