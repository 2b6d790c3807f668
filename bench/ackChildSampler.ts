/**
 * What the ack benchmarks' children (slackAckChild.ts, discordAckChild.ts) share: from the moment
 * the app or client is ready, the RSS sampled every 100 ms and the CPU spent, and the IPC with the
 * parent (`finish`: report the figures; `stop`: close everything and exit); and the bot's core.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from '../src/bot/logger.js';
import { PLATFORM_REFERENCES } from '../src/bot/references.js';

/** Memory and CPU figures, in bytes and milliseconds. */
export interface SampledStats {
  /** RSS when ready, before any request. */
  readyRss: number;
  /** The highest RSS sampled (every 100 ms) since then. */
  peakRss: number;
  /** V8's heap (`heapTotal`) at that sample: how much of the peak is the JavaScript heap. */
  peakHeapTotal: number;
  samples: number;
  /** CPU time (user + system) spent since ready, in milliseconds: the cost of the requests. */
  cpuMs: number;
  /** The event loop's delay since ready (10 ms resolution): how long a callback ready to run waited. */
  loopDelay: LoopDelay;
}

/** The `q` quantile (0.5, 0.99) of ascending `sorted`; NaN when empty. */
export const percentile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** Event-loop delay figures, in milliseconds. */
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

/** Watches this process's event loop from now on; `read()` gives its delay so far. */
export function watchLoopDelay(): { read(): LoopDelay; stop(): void } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    read: () => ({ p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 }),
    stop: () => histogram.disable(),
  };
}

/** Resolves once the message is handed to the IPC channel (so an exit right after loses nothing). */
export const send = (message: unknown): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });

export interface Served<S> {
  /** Sent with `type: 'ready'` once sampling starts. */
  ready: Record<string, unknown>;
  /** The child's own figures, added to the sampled ones on `finish`. */
  stats(): S;
  /** Stops taking requests, lets the ones in flight finish, and lets go of the database. */
  close(): Promise<void>;
  /** How long `stop` waits for `close` before the process exits anyway (default: as long as it takes). */
  closeLimitMs?: number;
}

/** Runs `start` (the app or client of the spec given as the one argument) and serves the parent. */
export async function serveChild<Spec, S>(start: (spec: Spec) => Promise<Served<S>>): Promise<void> {
  try {
    const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
    // The parent went away (crashed, interrupted): nothing left to serve.
    process.on('disconnect', () => process.exit(1));
    const running = await start(spec);

    const readyRss = process.memoryUsage.rss();
    const readyCpu = process.cpuUsage();
    const loop = watchLoopDelay();
    let peakRss = readyRss;
    let peakHeapTotal = process.memoryUsage().heapTotal;
    let samples = 0;
    const sample = () => {
      const { rss, heapTotal } = process.memoryUsage();
      if (rss > peakRss) {
        peakRss = rss;
        peakHeapTotal = heapTotal;
      }
    };
    const sampler = setInterval(() => {
      sample();
      samples += 1;
    }, 100);

    process.on('message', (message: { type: 'finish' | 'stop' }) => {
      if (message.type === 'finish') {
        sample();
        const cpu = process.cpuUsage(readyCpu);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        const sampled: SampledStats = {
          readyRss,
          peakRss,
          peakHeapTotal,
          samples,
          cpuMs,
          loopDelay: loop.read(),
        };
        void send({ type: 'stats', stats: { ...sampled, ...running.stats() } });
      } else if (message.type === 'stop') {
        clearInterval(sampler);
        loop.stop();
        const closed = running.close();
        const limit = running.closeLimitMs;
        const bounded =
          limit === undefined
            ? closed
            : Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, limit).unref())]);
        void bounded.finally(() => process.exit(0));
      }
    });
    await send({ type: 'ready', ...running.ready });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

/**
 * The real core on the scratch database the parent has migrated and seeded, with the production
 * pool size (openDatabase's default). Loaded on demand, so that a bare app's process holds its
 * framework alone.
 */
export async function openBenchCore(databaseUrl: string, logger: Logger) {
  const [{ systemClock }, { Rapport }, { openDatabase }] = await Promise.all([
    import('../src/bot/clock.js'),
    import('../src/core/rapport.js'),
    import('../src/db/engine.js'),
  ]);
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://', migrate: false });
  const rapport = new Rapport({
    references: PLATFORM_REFERENCES,
    store: database.store,
    clock: systemClock,
    timezone: 'UTC',
    coordinators: [],
    logger,
  });
  return { database, rapport };
}
