/**
 * The front door, for Discord over HTTP. Discord waits 3 seconds for an interaction's first
 * answer, and a process runs its JavaScript on one thread: a deferral that arrives while command
 * work holds that thread waits for it (docs/operations.md has the measurements). So when the
 * shared server has a front door, a small thread of its own holds PORT (frontDoorThread.ts):
 * it defers the interactions that are surely deferred anyway (discord/frontLane.ts) and hands
 * them to the main thread, and passes every other request on, unchanged, to the shared server,
 * which then listens on a loopback port of its own. Those others (Slack's, a form's first
 * answer, the probes, /metrics) cost one loopback hop more.
 *
 * Should the thread stop, it is started again on the same port, with the lane as it was.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LaneRules } from '../discord/frontLane.js';
import type { HttpLogger, HttpTimeouts } from './hardenedServer.js';

/** What the thread is started with. */
export interface FrontDoorSpec {
  port: number;
  host: string | undefined;
  /** The shared server's loopback port. */
  target: number;
  timeouts: HttpTimeouts;
}

/** From the main thread to the front door's. */
export type FrontDoorCommand =
  | { type: 'lane'; rules: LaneRules }
  | { type: 'served'; guildId: string }
  | { type: 'taken'; count: number }
  | { type: 'close'; graceMs: number };

/** From the front door's thread to the main thread. */
export type FrontDoorEvent =
  | { type: 'listening'; port: number }
  | { type: 'failed'; code: string | undefined; message: string }
  | { type: 'deferred'; text: string }
  | { type: 'log'; level: 'warn' | 'error'; obj: object; msg: string }
  | { type: 'closed' };

/** What Discord's adapter tells the lane as it learns it. */
export interface DiscordLaneControl {
  /** A server the bot serves (its lookup said so): its commands may be deferred in front. */
  served(guildId: string): void;
}

export interface FrontDoor {
  /**
   * Lets the front door defer Discord's interactions by `rules`; `accept` is given each one it
   * deferred, as JSON text, in the order they came. May be called before `start`.
   */
  openDiscordLane(rules: LaneRules, accept: (text: string) => void): DiscordLaneControl;
  /** Holds `port` and passes requests on to `target`; resolves with the port held. */
  start(port: number, host: string | undefined, target: number): Promise<number>;
  close(): Promise<void>;
  /** The thread holding the port (tests stop it, to see it come back). */
  readonly thread: Worker | undefined;
}

/** Young generation of the thread: it keeps almost nothing, so a small one keeps its memory small. */
const THREAD_YOUNG_GENERATION_MB = 1;

/**
 * The thread's module, compiled; or, where this runs from source (`npm start`, vitest), the
 * TypeScript loaded through tsx's loader, which a new thread does not inherit.
 */
function locateThread(): { entry: URL | string; eval?: true } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./frontDoorThread.js', import.meta.url) };
  // tsx's ESM API, as its package's exports map names it for `import`.
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
  const thread = new URL('./frontDoorThread.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(thread)}); });`;
  return { entry: code, eval: true };
}

/** Located once per process: every thread, restarts included, starts from the same entry. */
let threadEntry: ReturnType<typeof locateThread> | undefined;

export function createFrontDoor(options: {
  timeouts: HttpTimeouts;
  logger: HttpLogger;
  closeGraceMs: number;
}): FrontDoor {
  const { logger } = options;
  let lane: { rules: LaneRules; accept: (text: string) => void } | undefined;
  const served = new Set<string>();
  let thread: Worker | undefined;
  let closing = false;
  let takenCount = 0;

  const command = (message: FrontDoorCommand) => thread?.postMessage(message);
  const flushTaken = () => {
    command({ type: 'taken', count: takenCount });
    takenCount = 0;
  };

  const onEvent = (event: FrontDoorEvent) => {
    if (event.type === 'deferred') {
      if (takenCount === 0) setImmediate(flushTaken);
      takenCount += 1;
      try {
        lane?.accept(event.text);
      } catch (err) {
        logger.error({ err }, 'A Discord interaction deferred by the front door could not be handled');
      }
    } else if (event.type === 'log') logger[event.level](event.obj, event.msg);
  };

  /** Starts the thread on `at` and resolves with the port it holds. */
  const launch = (at: FrontDoorSpec): Promise<number> =>
    new Promise((resolve, reject) => {
      threadEntry ??= locateThread();
      const { entry, ...how } = threadEntry;
      const worker = new Worker(entry, {
        ...how,
        workerData: at,
        resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
      });
      thread = worker;
      let listening = false;
      worker.on('message', (event: FrontDoorEvent) => {
        if (event.type === 'listening') {
          listening = true;
          resolve(event.port);
        } else if (event.type === 'failed') {
          if (thread === worker) thread = undefined;
          const error = Object.assign(new Error(event.message), { code: event.code });
          reject(error);
        } else onEvent(event);
      });
      worker.on('error', (err) => {
        if (!listening) reject(err);
        else logger.error({ err }, 'The front door failed');
      });
      worker.once('exit', (code) => {
        if (!listening) reject(new Error(`The front door stopped before it listened (exit code ${code}).`));
        if (thread !== worker) return;
        thread = undefined;
        if (closing || !listening) return;
        logger.error({ code }, 'The front door stopped; starting it again');
        relaunch(at);
      });
      if (lane) worker.postMessage({ type: 'lane', rules: lane.rules } satisfies FrontDoorCommand);
      for (const guildId of served)
        worker.postMessage({ type: 'served', guildId } satisfies FrontDoorCommand);
    });

  const relaunch = (at: FrontDoorSpec) => {
    launch(at).catch((err: unknown) => logger.error({ err }, 'The front door could not start again'));
  };

  return {
    openDiscordLane(rules, accept) {
      lane = { rules, accept };
      command({ type: 'lane', rules });
      return {
        served(guildId) {
          if (served.has(guildId)) return;
          served.add(guildId);
          command({ type: 'served', guildId });
        },
      };
    },
    async start(port, host, target) {
      const spec: FrontDoorSpec = { port, host, target, timeouts: options.timeouts };
      const held = await launch(spec);
      // A restart takes the same port, even when the first one was any free one (port 0).
      spec.port = held;
      return held;
    },
    get thread() {
      return thread;
    },
    async close() {
      closing = true;
      const worker = thread;
      thread = undefined;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close', graceMs: options.closeGraceMs } satisfies FrontDoorCommand);
      const force = setTimeout(() => void worker.terminate(), options.closeGraceMs + 1000);
      await exited;
      clearTimeout(force);
    },
  };
}
