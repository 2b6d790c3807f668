/**
 * What the ack benchmarks (slack-ack, discord-ack) share on the parent's side: the seeded
 * students, the seeded PRNG, the bot child compiled to plain JavaScript and its IPC, the node flags
 * the bot is deployed with, and the latency figures and their formatting.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { STAGES } from '../src/core/domain.js';
import type { Db } from '../src/db/engine.js';
import { contacts, identities, organizations, persons, spaces } from '../src/db/schema.js';
import { percentile } from './ackChildSampler.js';
import { nodeFlagsOf } from './nodeFlags.js';
import { createScratchDatabase } from './scratchDatabase.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const CHILD_START_LIMIT_MS = 30_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MB = 1_000_000;

export const userName = (index: number) => `student${String(index + 1).padStart(4, '0')}`;

export interface SeedSpace {
  platform: 'slack' | 'discord';
  externalId: string;
  name: string;
  /** The platform's user id of the `index`-th student. */
  userId(index: number): string;
}

/**
 * One organization ("Bench University") with its workspace or server, and `students` students
 * whose identities map the platform's user ids to them, each with `perStudent` contacts spread
 * over the stages. Display names match what the requests carry and each student has used the bot
 * on this platform before (`lastPlatform`), so the bot meets returning users (no profile update on
 * each request, and not the once-in-a-lifetime start of the reminders of someone a coordinator set
 * up before they came), as it would in steady use.
 */
async function seed(db: Db, space: SeedSpace, students: number, perStudent: number): Promise<void> {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Bench University', timezone: 'America/Chicago' })
    .returning({ id: organizations.id });
  const orgId = org!.id;
  const [spaceRow] = await db
    .insert(spaces)
    .values({ orgId, platform: space.platform, externalId: space.externalId, name: space.name })
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
          lastPlatform: space.platform,
          lastActiveAt: new Date(now - (i % 14) * day),
        })),
      )
      .returning({ id: persons.id, displayName: persons.displayName });
    const idByName = new Map(people.map((p) => [p.displayName, p.id]));
    await db.insert(identities).values(
      indexes.map((i) => ({
        orgId,
        personId: idByName.get(userName(i))!,
        spaceId: spaceRow!.id,
        platform: space.platform,
        externalUserId: space.userId(i),
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

/** A small seeded PRNG (mulberry32): the bare and the bot phase see the same sequence of students. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The child's entry point, compiled, and a way to delete it. */
interface CompiledChild {
  entry: string;
  remove(): Promise<void>;
}

/**
 * The children run as production runs the bot (`node dist/bot/main.js`): plain JavaScript. Under
 * tsx, its module-hooks thread and transpiler would add tens of MB to the RSS the benchmarks
 * report. `child` (a file under bench/, with what it imports from bench/) and src/ are transpiled
 * (no type check: `npm run typecheck` does that) into a temporary directory that links the
 * project's node_modules.
 */
async function compileChild(child: string, benchModules: string[]): Promise<CompiledChild> {
  const { default: ts } = await import('typescript');
  const out = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
  const remove = () => rm(out, { recursive: true, force: true });
  try {
    const sources = (await readdir(join(ROOT, 'src'), { recursive: true }))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join('src', file));
    for (const file of [child, ...benchModules]) sources.push(join('bench', file));
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
    // Where src/db/engine.ts looks for them (../../migrations), as in dist/.
    await symlink(join(ROOT, 'migrations'), join(out, 'migrations'), 'dir');
    return { entry: join(out, 'bench', child.replace(/\.ts$/, '.js')), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The messages every bench child sends (`ready` may carry more) and understands. */
/** What children send; a child may add messages of its own kinds (the fake Discord's `final`). */
export type BaseChildMessage =
  | { type: 'ready' }
  | { type: 'stats' }
  | { type: 'failed'; message: string }
  | { type: 'final' };
export type BaseParentMessage = { type: 'finish' } | { type: 'stop' };

/** A child process running one app or client, and a way to ask it things. */
export interface Child<C extends BaseChildMessage, P extends BaseParentMessage> {
  /** The child's `ready` message. */
  ready: Extract<C, { type: 'ready' }>;
  ask(message: P, expect: C['type'], timeoutMs: number): Promise<C>;
  /** Calls `listener` with every message the child sends from now on. */
  onMessage(listener: (message: C) => void): void;
  stop(): Promise<void>;
}

function nextMessage<C extends BaseChildMessage>(
  child: ChildProcess,
  expect: C['type'],
  timeoutMs: number,
): Promise<C> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no "${expect}" from the child within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: C) => {
      if (message.type === 'failed') done(new Error(`the child failed: ${message.message}`));
      else if (message.type === expect) done(undefined, message);
    };
    const onExit = (code: number | null) =>
      done(new Error(`the child exited (code ${code}) before "${expect}"`));
    const done = (error?: Error, message?: C) => {
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
 * space to measure with node's defaults; add `--cpu-prof --cpu-prof-dir=...` to profile it).
 */
async function botNodeFlags(): Promise<string[]> {
  const override = process.env.RAPPORT_BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return nodeFlagsOf(pkg.scripts['start:prod'] ?? '');
}

/** Starts the compiled child with `spec` as its one argument and waits for its `ready`. */
export async function startChild<C extends BaseChildMessage, P extends BaseParentMessage>(
  entry: string,
  spec: unknown,
  nodeFlags: string[],
  /** CPUs the child is pinned to (taskset's list, "1"), for a run that gives it cores of its own. */
  cpus?: string,
): Promise<Child<C, P>> {
  const child = fork(entry, [JSON.stringify(spec)], {
    // Not this process's flags (tsx's loader): plain node with the given flags, as in production.
    execArgv: nodeFlags,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (cpus && child.pid !== undefined)
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(child.pid)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' } satisfies BaseParentMessage);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await nextMessage<C>(child, 'ready', CHILD_START_LIMIT_MS);
    return {
      ready: ready as Extract<C, { type: 'ready' }>,
      ask: (message, expect, timeoutMs) => {
        const answer = nextMessage<C>(child, expect, timeoutMs);
        child.send(message);
        return answer;
      },
      onMessage: (listener) => {
        child.on('message', listener);
      },
      stop,
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

/** What a load of requests (or interactions) gave: the latencies of those acknowledged. */
export interface Load {
  latencies: number[];
  sent: number;
  /** Requests not acknowledged, by reason ("no answer", an HTTP status...). */
  failures: Map<string, number>;
  wallMs: number;
  /** Acknowledged with "busy" (the bot's work queue was full): no reply follows, by design. */
  busy?: number;
}

export interface Figures {
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

export function figures(load: Load): Figures {
  const sorted = [...load.latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    perSecond: load.latencies.length / (load.wallMs / 1000),
  };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
export const count = (value: number) => value.toLocaleString('en-US');
export const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');

export function describeFailures(load: Load): string {
  const failed = [...load.failures.values()].reduce((sum, n) => sum + n, 0);
  if (failed === 0) return 'no failures';
  const parts = [...load.failures].map(([reason, n]) => `${n} × ${reason}`);
  return `${failed} failed (${parts.join(', ')})`;
}

/** One line of latency figures, its name padded to `width`. */
export function row(name: string, load: Load, width: number): string {
  const f = figures(load);
  return (
    `${name.padEnd(width)} ${count(load.latencies.length).padStart(6)}/${count(load.sent).padEnd(6)} ` +
    `p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  max ${ms(f.max).padStart(9)}  ` +
    `${f.perSecond.toFixed(0).padStart(5)} acks/s  ${describeFailures(load)}`
  );
}

/** "Rapport p99 ... (goal far under 3,000 ms, taken as under a third of it: met)". */
export function p99Line(p99: number, goalMs: number): string {
  return (
    `Rapport p99 ${ms(p99)}  (goal far under ${count(goalMs)} ms, taken as under a third of it: ` +
    `${verdict(p99 < goalMs / 3)})`
  );
}

/** The memory figures a child reports. */
export interface MemoryStats {
  readyRss: number;
  peakRss: number;
  peakHeapTotal: number;
  samples: number;
}

/** "Rapport peak RSS ..., ... when ready (its own process, ...)  (goal under 200 MB: met)". */
export function rssLine(bot: MemoryStats, goalMb: number): string {
  return (
    `Rapport peak RSS ${mb(bot.peakRss)}, ${mb(bot.readyRss)} when ready (its own process, ` +
    `${bot.samples} samples every 100 ms)  (goal under ${goalMb} MB: ${verdict(bot.peakRss < goalMb * MB)})`
  );
}

/** "the bot ran with <flags> (those of npm run start:prod); its V8 heap was ... at the peak". */
export function botFlagsLine(botFlags: string[], peakHeapTotal: number): string {
  return (
    `the bot ran with ${botFlags.length ? botFlags.join(' ') : "node's default flags"}` +
    (process.env.RAPPORT_BENCH_NODE_FLAGS === undefined
      ? ' (those of npm run start:prod)'
      : ' (RAPPORT_BENCH_NODE_FLAGS)') +
    `; its V8 heap was ${mb(peakHeapTotal)} at the peak`
  );
}

/** The machine's cores and load, with a warning when other work competed for them. */
export function machineLine(
  loadBefore: number,
  fakeName: string,
  fakeRuns: 'here' | 'apart' = 'here',
): string {
  // The machine's cores, not this process's share of them (a pinned run has one).
  const cores = cpus().length;
  const loadAfter = loadavg()[0]!;
  return (
    `machine: ${cores} cores, load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after; ` +
    (fakeRuns === 'here'
      ? `the load generator and the fake ${fakeName} share this process`
      : `the load generator runs in this process, the fake ${fakeName} in one of its own`) +
    (Math.max(loadBefore, loadAfter) > cores
      ? '  -- OTHER WORK WAS RUNNING: the times include waiting for a core'
      : '')
  );
}

/** What a benchmark's phases need once the database is seeded and the child compiled. */
export interface BenchSetup {
  /** The compiled child's entry point. */
  entry: string;
  /** The bot's node flags (the bare side runs with node's defaults). */
  botFlags: string[];
  /** The seeded scratch database. */
  databaseUrl: string;
  students: number;
  concurrency: number;
  /** Warm-up requests per phase: a tenth of the measured ones, at least one per client. */
  warmup: number;
  log: (line: string) => void;
}

export interface BenchSizes {
  /** Students seeded (default 1,000). */
  students?: number;
  /** Contacts per student (default 10). */
  contactsPerStudent?: number;
  /** Clients at once, each waiting for its ack before the next request (default 50). */
  concurrency?: number;
  /** The PostgreSQL server the throwaway database is created on (default: local, trust auth). */
  databaseUrl?: string;
  /** Where the figures go, one line at a time (default: stdout). */
  log?: (line: string) => void;
}

/**
 * Creates a throwaway database `rapport_bench_<random>`, seeds it, compiles `child`, runs `run`,
 * and drops the database and the compiled child at the end, also when something fails.
 */
export async function withSeededBench(
  sizes: BenchSizes,
  measured: number,
  space: SeedSpace,
  child: string,
  run: (setup: BenchSetup) => Promise<void>,
  /** More modules the child imports, relative to bench/ (ackChildSampler.ts always). */
  modules: string[] = [],
): Promise<void> {
  const students = sizes.students ?? 1000;
  const perStudent = sizes.contactsPerStudent ?? 10;
  const concurrency = sizes.concurrency ?? 50;
  const warmup = Math.max(concurrency, Math.round(measured / 10));
  const log = sizes.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  const scratch = await createScratchDatabase(sizes.databaseUrl ?? DEFAULT_DATABASE_URL, 4);
  let compiled: CompiledChild | undefined;
  try {
    const seeding = performance.now();
    await seed(scratch.database.db, space, students, perStudent);
    log(
      `PostgreSQL seeded with ${count(students)} students × ${perStudent} contacts ` +
        `(${count(students * perStudent)}) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    compiled = await compileChild(child, ['ackChildSampler.ts', ...modules]);
    const botFlags = await botNodeFlags();
    await run({
      entry: compiled.entry,
      botFlags,
      databaseUrl: scratch.url,
      students,
      concurrency,
      warmup,
      log,
    });
  } finally {
    await compiled?.remove();
    await scratch.drop();
  }
}
