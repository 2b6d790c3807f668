/**
 * The Slack ack benchmark (issue 4, "Speed"): how long Slack waits for the HTTP response to a
 * signed `/rapport list`, with 50 clients firing at once and PostgreSQL holding 1,000 students of
 * 10 contacts each, beside a bare Bolt app that only acks, in the same run. Slack gives an app
 * three seconds; the goals are a p50 and p99 under twice the bare app's, a p99 far under 3,000 ms,
 * and the bot under 200 MB of resident memory.
 *
 * The bot (the real Slack adapter on the shared HTTP server) and the bare app (Bolt's own
 * HTTPReceiver) each run in a child process (slackAckChild.ts, transpiled and run with plain
 * node), so the RSS reported is the bot's own; this process seeds the throwaway database, runs the
 * fake Slack Web API that receives the `respond()` replies, and generates the load. All traffic
 * stays on 127.0.0.1. The bot runs with the node flags of `npm run start:prod` (its heap budget,
 * see README "Memory"); the bare app with node's defaults, as a stock Bolt app would.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { STAGES } from '../src/core/domain.js';
import type { Db } from '../src/db/engine.js';
import { contacts, identities, organizations, persons, spaces } from '../src/db/schema.js';
import { type FakeSlack, signSlackRequest, startFakeSlack } from '../tests/support/fakeSlack.js';
import type { Benchmark } from './benchmark.js';
import { nodeFlagsOf } from './nodeFlags.js';
import { createScratchDatabase } from './scratchDatabase.js';
import type { ChildMessage, ChildSpec, ChildStats, ParentMessage } from './slackAckChild.js';

export interface SlackAckBenchOptions {
  /** Students seeded (default 1,000); their Slack user ids are U0001, U0002, ... */
  students?: number;
  /** Contacts per student (default 10). */
  contactsPerStudent?: number;
  /** Clients sending at once, each waiting for its ack before the next request (default 50). */
  concurrency?: number;
  /** Measured requests per app (default 5,000), after a warm-up of a tenth as many. */
  requests?: number;
  /** The PostgreSQL server the throwaway database is created on (default: local, trust auth). */
  databaseUrl?: string;
  /** Where the figures go, one line at a time (default: stdout). */
  log?: (line: string) => void;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TEAM = { id: 'T0BENCH', domain: 'bench-u' } as const;
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-bot-token';
/** Exactly this: Bolt answers 400 to a form with `; charset=...`. */
const FORM = 'application/x-www-form-urlencoded';
/** A request not answered by then counts as failed (Slack itself gives up after 3 s). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Warm-up plus measured requests of one app stop being sent after this, finished or not. */
const PHASE_LIMIT_MS = 45_000;
/** How long the bot may take, after its last ack, to post the last reply to its response_url. */
const REPLY_LIMIT_MS = 50_000;
const CHILD_START_LIMIT_MS = 30_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1_000_000;

const GOALS = { ratio: 2, p99Ms: 3000, rssMb: 200 } as const;

const userId = (index: number) => `U${String(index + 1).padStart(4, '0')}`;
const userName = (index: number) => `student${String(index + 1).padStart(4, '0')}`;

/**
 * One organization with its Slack workspace, and `students` students whose identities map the
 * user ids U0001... to them, each with `perStudent` contacts spread over the stages. Names and
 * time zones match what the requests and the fake's `users.info` report, so the bot meets
 * returning users (no profile update on each request), as it would in steady use.
 */
async function seed(db: Db, students: number, perStudent: number): Promise<void> {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Bench University', timezone: 'America/Chicago' })
    .returning({ id: organizations.id });
  const orgId = org!.id;
  const [space] = await db
    .insert(spaces)
    .values({ orgId, platform: 'slack', externalId: TEAM.id, name: TEAM.domain })
    .returning({ id: spaces.id });
  const now = Date.now();
  const day = 86_400_000;
  // 500 students a round keeps every insert well under PostgreSQL's 65,535 bound parameters.
  const round = 500;
  for (let first = 0; first < students; first += round) {
    const indexes = Array.from({ length: Math.min(round, students - first) }, (_, k) => first + k);
    const people = await db
      .insert(persons)
      .values(
        indexes.map((i) => ({
          orgId,
          displayName: userName(i),
          timezone: 'America/Chicago',
          lastActiveAt: new Date(now - (i % 14) * day),
        })),
      )
      .returning({ id: persons.id, displayName: persons.displayName });
    const idByName = new Map(people.map((p) => [p.displayName, p.id]));
    await db.insert(identities).values(
      indexes.map((i) => ({
        orgId,
        personId: idByName.get(userName(i))!,
        spaceId: space!.id,
        platform: 'slack' as const,
        externalUserId: userId(i),
      })),
    );
    const rows = indexes.flatMap((i) =>
      Array.from({ length: perStudent }, (_, n) => {
        const since = new Date(now - ((i * perStudent + n) % 60) * day);
        return {
          orgId,
          ownerId: idByName.get(userName(i))!,
          number: n + 1,
          name: `Contact ${n + 1} of ${userName(i)}`,
          company: `Company ${(i + n) % 97}`,
          title: 'Product Manager',
          stage: STAGES[n % STAGES.length]!,
          stageChangedAt: since,
          lastActivityAt: since,
        };
      }),
    );
    for (let at = 0; at < rows.length; at += 4000)
      await db.insert(contacts).values(rows.slice(at, at + 4000));
  }
  await db.execute(sql`analyze`);
}

/** A small seeded PRNG (mulberry32): both apps see the same sequence of students. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Load {
  /** Milliseconds from send to the complete 200 response, one per acknowledged request. */
  latencies: number[];
  sent: number;
  /** Non-200 answers and requests that failed or timed out, by status (0: no answer). */
  failures: Map<number, number>;
  wallMs: number;
}

/**
 * `count` signed `/rapport list` POSTs from `concurrency` clients, each sending its next request
 * when the previous one is answered. Node's fetch keeps the connections alive.
 */
async function fire(
  target: string,
  fake: FakeSlack,
  options: {
    label: string;
    count: number;
    concurrency: number;
    deadline: number;
    students: number;
    /** Seeds the choice of students; the same for both apps. */
    seed: number;
  },
): Promise<Load> {
  const pick = prng(options.seed);
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  const fail = (status: number) => failures.set(status, (failures.get(status) ?? 0) + 1);
  let next = 0;
  const started = performance.now();

  const client = async () => {
    while (next < options.count && performance.now() < options.deadline) {
      const n = next;
      next += 1;
      const student = Math.floor(pick() * options.students);
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: TEAM.id,
        team_domain: TEAM.domain,
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: userId(student),
        user_name: userName(student),
        command: '/rapport',
        text: 'list',
        api_app_id: 'A0RAPPORT',
        is_enterprise_install: 'false',
        response_url: fake.responseUrl(`${options.label}-${n}`),
        trigger_id: `${n}.${Date.now()}.${randomBytes(8).toString('hex')}`,
      }).toString();
      const headers = {
        'content-type': FORM,
        ...signSlackRequest(body, SIGNING_SECRET, Math.floor(Date.now() / 1000)),
      };
      const sentAt = performance.now();
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        if (response.status === 200) latencies.push(performance.now() - sentAt);
        else fail(response.status);
      } catch {
        fail(0);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { latencies, sent: next, failures, wallMs: performance.now() - started };
}

interface Replies {
  /** Distinct response_urls that received a post. */
  arrived: number;
  /** Of those, how many carried the student's pipeline (not an error or an apology). */
  pipelines: number;
  /** From the last ack to the last reply. */
  tailMs: number;
}

/** Waits until every request of the phase has had its reply posted to the fake, or the limit. */
async function waitForReplies(fake: FakeSlack, prefix: string, expected: number): Promise<Replies> {
  const started = performance.now();
  const ids = new Set<string>();
  let pipelines = 0;
  let read = 0;
  // Only what arrived since the last look is read: the fake keeps every post in one array.
  const catchUp = () => {
    for (; read < fake.responses.length; read += 1) {
      const { id, body } = fake.responses[read]!;
      if (!id.startsWith(prefix) || ids.has(id)) continue;
      ids.add(id);
      if (JSON.stringify(body).includes('Your pipeline')) pipelines += 1;
    }
  };
  catchUp();
  while (ids.size < expected && performance.now() - started < REPLY_LIMIT_MS) {
    await sleep(50);
    catchUp();
  }
  return { arrived: ids.size, pipelines, tailMs: performance.now() - started };
}

/** The child's entry point, compiled, and a way to delete it. */
interface CompiledChild {
  entry: string;
  remove(): Promise<void>;
}

/**
 * The apps run as production runs the bot (`node dist/bot/main.js`): plain JavaScript. Under tsx,
 * its module-hooks thread and transpiler would add tens of MB to the RSS this benchmark reports.
 * The child and src/ are transpiled (no type check: `npm run typecheck` does that) into a
 * temporary directory that links the project's node_modules.
 */
async function compileChild(): Promise<CompiledChild> {
  const { default: ts } = await import('typescript');
  const out = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
  const remove = () => rm(out, { recursive: true, force: true });
  try {
    const sources = (await readdir(join(ROOT, 'src'), { recursive: true }))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join('src', file));
    sources.push(join('bench', 'slackAckChild.ts'));
    for (const file of sources) {
      const { outputText } = ts.transpileModule(await readFile(join(ROOT, file), 'utf8'), {
        fileName: file,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
        },
      });
      const target = join(out, file.replace(/\.ts$/, '.js'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
    await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
    await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
    return { entry: join(out, 'bench', 'slackAckChild.js'), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** A child process running one app, and a way to ask it things. */
interface Child {
  port: number;
  ask(message: ParentMessage, expect: ChildMessage['type'], timeoutMs: number): Promise<ChildMessage>;
  stop(): Promise<void>;
}

function nextMessage(
  child: ChildProcess,
  expect: ChildMessage['type'],
  timeoutMs: number,
): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no "${expect}" from the child within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'failed') done(new Error(`the child failed: ${message.message}`));
      else if (message.type === expect) done(undefined, message);
    };
    const onExit = (code: number | null) =>
      done(new Error(`the child exited (code ${code}) before "${expect}"`));
    const done = (error?: Error, message?: ChildMessage) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * The node flags the bot is deployed with: those of `npm run start:prod` (its heap budget), or,
 * for an experiment, the space-separated flags in RAPPORT_BENCH_NODE_FLAGS (set it to a single
 * space to measure with node's defaults).
 */
async function botNodeFlags(): Promise<string[]> {
  const override = process.env.RAPPORT_BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return nodeFlagsOf(pkg.scripts['start:prod'] ?? '');
}

async function startChild(entry: string, spec: ChildSpec, nodeFlags: string[]): Promise<Child> {
  const child = fork(entry, [JSON.stringify(spec)], {
    // Not this process's flags (tsx's loader): plain node with the given flags, as in production.
    execArgv: nodeFlags,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await nextMessage(child, 'ready', CHILD_START_LIMIT_MS);
    return {
      port: (ready as Extract<ChildMessage, { type: 'ready' }>).port,
      ask: (message, expect, timeoutMs) => {
        const answer = nextMessage(child, expect, timeoutMs);
        child.send(message);
        return answer;
      },
      stop,
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

interface Phase {
  measured: Load;
  warmup: Load;
  stats: ChildStats;
  replies?: Replies;
}

interface PhaseSettings {
  entry: string;
  /** The bot's node flags (the bare app runs with node's defaults, as a stock Bolt app would). */
  botFlags: string[];
  databaseUrl: string;
  students: number;
  concurrency: number;
  requests: number;
  warmup: number;
}

async function runPhase(mode: ChildSpec['mode'], fake: FakeSlack, settings: PhaseSettings): Promise<Phase> {
  const child = await startChild(
    settings.entry,
    {
      mode,
      apiUrl: fake.apiUrl,
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      ...(mode === 'bot' ? { databaseUrl: settings.databaseUrl } : {}),
    },
    mode === 'bot' ? settings.botFlags : [],
  );
  try {
    // Both apps answer Slack at /slack/events (ours on the shared server, Bolt's on its own).
    const target = `http://127.0.0.1:${child.port}/slack/events`;
    const deadline = performance.now() + PHASE_LIMIT_MS;
    const shared = { concurrency: settings.concurrency, deadline, students: settings.students };
    const warmup = await fire(target, fake, {
      ...shared,
      label: `${mode}-w`,
      count: settings.warmup,
      seed: 1,
    });
    const measured = await fire(target, fake, {
      ...shared,
      label: `${mode}-m`,
      count: settings.requests,
      seed: 2,
    });
    const replies =
      mode === 'bot'
        ? await waitForReplies(fake, `${mode}-`, warmup.latencies.length + measured.latencies.length)
        : undefined;
    const answer = await child.ask({ type: 'finish' }, 'stats', 10_000);
    const stats = (answer as Extract<ChildMessage, { type: 'stats' }>).stats;
    return { measured, warmup, stats, ...(replies ? { replies } : {}) };
  } finally {
    await child.stop();
  }
}

const percentile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

interface Figures {
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

function figures(load: Load): Figures {
  const sorted = [...load.latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    perSecond: load.latencies.length / (load.wallMs / 1000),
  };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const count = (value: number) => value.toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');

function describeFailures(load: Load): string {
  const failed = [...load.failures.values()].reduce((sum, n) => sum + n, 0);
  if (failed === 0) return 'no failures';
  const parts = [...load.failures].map(([status, n]) => `${n} × ${status === 0 ? 'no answer' : status}`);
  return `${failed} failed (${parts.join(', ')})`;
}

function row(name: string, load: Load): string {
  const f = figures(load);
  return (
    `${name.padEnd(10)} ${count(load.latencies.length).padStart(6)}/${count(load.sent).padEnd(6)} ` +
    `p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  max ${ms(f.max).padStart(9)}  ` +
    `${f.perSecond.toFixed(0).padStart(5)} acks/s  ${describeFailures(load)}`
  );
}

/** Milliseconds of the app's CPU per acknowledged request, warm-up included. */
const cpuPerRequest = (phase: Phase) =>
  phase.stats.cpuMs / Math.max(1, phase.warmup.latencies.length + phase.measured.latencies.length);

function report(
  log: (line: string) => void,
  run: { concurrency: number; requests: number; warmup: number; loadBefore: number; botFlags: string[] },
  bare: Phase,
  bot: Phase,
): void {
  const b = figures(bare.measured);
  const r = figures(bot.measured);
  const ratio50 = r.p50 / b.p50;
  const ratio99 = r.p99 / b.p99;
  log(
    `signed /rapport list POSTs from ${run.concurrency} keep-alive clients, ${count(run.warmup)} warm-up ` +
      `then ${count(run.requests)} measured per app; time from send to the complete HTTP response (the ack):`,
  );
  log(row('bare Bolt', bare.measured));
  log(row('Rapport', bot.measured));
  log(
    `ratio Rapport / bare: p50 ${ratio50.toFixed(2)}, p99 ${ratio99.toFixed(2)}  ` +
      `(goal under ${GOALS.ratio}: ${verdict(ratio50 < GOALS.ratio && ratio99 < GOALS.ratio)})`,
  );
  log(
    `Rapport p99 ${ms(r.p99)}  (goal far under ${count(GOALS.p99Ms)} ms, taken as under a third of it: ` +
      `${verdict(r.p99 < GOALS.p99Ms / 3)})`,
  );
  log(
    `Rapport peak RSS ${mb(bot.stats.peakRss)}, ${mb(bot.stats.readyRss)} when ready (its own process, ` +
      `${bot.stats.samples} samples every 100 ms)  (goal under ${GOALS.rssMb} MB: ` +
      `${verdict(bot.stats.peakRss < GOALS.rssMb * MB)});  bare Bolt: peak ${mb(bare.stats.peakRss)}`,
  );
  log(
    `the bot ran with ${run.botFlags.length ? run.botFlags.join(' ') : "node's default flags"}` +
      (process.env.RAPPORT_BENCH_NODE_FLAGS === undefined
        ? ' (those of npm run start:prod)'
        : ' (RAPPORT_BENCH_NODE_FLAGS)') +
      `; its V8 heap was ${mb(bot.stats.peakHeapTotal)} at the peak, the bare app ran with node's defaults`,
  );
  if (bot.replies) {
    const { arrived, pipelines, tailMs } = bot.replies;
    const acked = bot.warmup.latencies.length + bot.measured.latencies.length;
    const rate = arrived / ((bot.warmup.wallMs + bot.measured.wallMs + tailMs) / 1000);
    const tail = (tailMs / 1000).toFixed(1);
    log(
      `replies posted by respond() to the response_url: ${count(arrived)} of ${count(acked)} acked ` +
        `requests, ${count(pipelines)} of them the student's pipeline; ` +
        (arrived === acked
          ? `the last came ${tail} s after the last ack`
          : `stopped waiting ${tail} s after the last ack -- REPLIES MISSING`) +
        ` (${rate.toFixed(0)} replies/s end to end)`,
    );
  }
  log(
    `CPU per request: Rapport ${ms(cpuPerRequest(bot))}, bare Bolt ${ms(cpuPerRequest(bare))}; ` +
      `warm-up: bare ${describeFailures(bare.warmup)}, Rapport ${describeFailures(bot.warmup)}`,
  );
  const cores = availableParallelism();
  const loadAfter = loadavg()[0]!;
  log(
    `machine: ${cores} cores, load average ${run.loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after; ` +
      'the load generator and the fake Slack share this process' +
      (Math.max(run.loadBefore, loadAfter) > cores
        ? '  -- OTHER WORK WAS RUNNING: the times include waiting for a core'
        : ''),
  );
}

/**
 * Runs the benchmark and prints its figures. Creates a throwaway database
 * `rapport_bench_<random>` on the server and drops it at the end, also when something fails.
 */
export async function runSlackAckBench(options: SlackAckBenchOptions = {}): Promise<void> {
  const students = options.students ?? 1000;
  const perStudent = options.contactsPerStudent ?? 10;
  const concurrency = options.concurrency ?? 50;
  const requests = options.requests ?? 5000;
  const warmup = Math.max(concurrency, Math.round(requests / 10));
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  const scratch = await createScratchDatabase(options.databaseUrl ?? DEFAULT_DATABASE_URL, 4);
  let fake: FakeSlack | undefined;
  let compiled: CompiledChild | undefined;
  try {
    const seeding = performance.now();
    await seed(scratch.database.db, students, perStudent);
    log(
      `PostgreSQL seeded with ${count(students)} students × ${perStudent} contacts ` +
        `(${count(students * perStudent)}) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    compiled = await compileChild();
    fake = await startFakeSlack({ teamId: TEAM.id, defaultTimezone: 'America/Chicago' });
    const botFlags = await botNodeFlags();
    const settings = {
      entry: compiled.entry,
      botFlags,
      databaseUrl: scratch.url,
      students,
      concurrency,
      requests,
      warmup,
    };
    const loadBefore = loadavg()[0]!;
    const bare = await runPhase('bare', fake, settings);
    const bot = await runPhase('bot', fake, settings);

    report(log, { concurrency, requests, warmup, loadBefore, botFlags }, bare, bot);
  } finally {
    await fake?.close();
    await compiled?.remove();
    await scratch.drop();
  }
}

export const slackAckBenchmark: Benchmark = {
  name: 'slack-ack',
  description:
    'time to the ack of a signed /rapport list (50 clients, 1,000 students × 10 contacts, PostgreSQL) beside a bare Bolt app, and the bot peak RSS',
  run: (ctx) =>
    runSlackAckBench({ databaseUrl: ctx.config.databaseUrl ?? DEFAULT_DATABASE_URL, log: ctx.log }),
};
