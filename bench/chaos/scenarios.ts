/**
 * The scenarios of `npm run chaos`, each on its own database and fakes: SIGKILLs, clock skew,
 * PostgreSQL restarts, and 429 storms with 5xx bursts. Each returns its figures beside their
 * targets.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from './cluster.js';
import { openScenario, type ScenarioRun, type ScenarioSetup } from './scenarioRun.js';

/** One line of the table: a figure, its target, and whether it met it (null: for information). */
export interface Figure {
  scenario: string;
  figure: string;
  value: string;
  target: string;
  ok: boolean | null;
}

export interface ChaosOptions {
  /** Nudges of the SIGKILL scenario (10,000); the others use a fraction. */
  nudges: number;
  kills: number;
  log(line: string): void;
}

export interface Scenario {
  name: string;
  run(cluster: Cluster, options: ChaosOptions): Promise<Figure[]>;
}

/** Every worker: short leases and passes so that a run takes minutes, fast sends to the fakes. */
const WORKER_ENV = {
  RAPPORT_WORKER_LEASE_SECONDS: '20',
  RAPPORT_WORKER_INTERVAL_SECONDS: '2',
  RAPPORT_WORKER_SEND_RATE: '200',
  // An internal app's history budget, shared by the workers (the fake answers 240 a minute).
  SLACK_HISTORY_CALLS_PER_MINUTE: '60',
};
const HISTORY_PER_MINUTE = 240;
const TEN_MINUTES = String(10 * 60_000);

const zero = (scenario: string, figure: string, value: number): Figure => ({
  scenario,
  figure,
  value: String(value),
  target: '0',
  ok: value === 0,
});
const info = (scenario: string, figure: string, value: string | number): Figure => ({
  scenario,
  figure,
  value: String(value),
  target: '',
  ok: null,
});

async function withScenario(
  cluster: Cluster,
  setup: Omit<ScenarioSetup, 'historyPerMinute' | 'workerEnv'>,
  body: (run: ScenarioRun) => Promise<Figure[]>,
): Promise<Figure[]> {
  const run = await openScenario(cluster, {
    ...setup,
    historyPerMinute: HISTORY_PER_MINUTE,
    workerEnv: WORKER_ENV,
  });
  try {
    return await body(run);
  } finally {
    await run.close();
  }
}

/** The Jepsen figures of a settled run, and the worker counters worth a look. */
async function accounting(name: string, run: ScenarioRun, seconds: number): Promise<Figure[]> {
  const report = await run.platforms.report();
  const a = run.account(report);
  const logs = run.fleet.logs;
  return [
    info(name, 'nudges', a.nudges),
    info(name, 'attempted (posts received)', a.attempted),
    info(name, 'acknowledged (answered 2xx)', a.acknowledged),
    {
      scenario: name,
      figure: 'delivered',
      value: String(a.delivered),
      target: String(a.nudges),
      ok: a.delivered === a.nudges,
    },
    zero(name, 'lost', a.lost),
    zero(name, 'duplicated', a.duplicated),
    info(name, 'duplicated on Slack / Discord', `${a.duplicatedOn.slack} / ${a.duplicatedOn.discord}`),
    info(
      name,
      'found already delivered (Slack history)',
      logs.get('Nudge found already delivered in the DM history: not sent again') ?? 0,
    ),
    info(
      name,
      're-sent unchecked (duplicate risk)',
      logs.get('Could not look for an earlier delivery in time: sending again, possibly a duplicate') ?? 0,
    ),
    info(
      name,
      `history reads answered / refused`,
      `${report.slack.historyAnswered} / ${report.slack.historyLimited}`,
    ),
    info(name, 'seconds to settle', seconds.toFixed(1)),
  ];
}

const kills: Scenario = {
  name: 'sigkill',
  async run(cluster, options) {
    const name = 'sigkill';
    const workers = { w1: {}, w2: {}, w3: {}, w4: {} };
    return withScenario(cluster, { students: options.nudges / 5, perStudent: 5, workers }, async (run) => {
      let killed = 0;
      // A worker is killed at a random moment of its passes: a random while after it started its
      // schedule (killing it while node is still loading would test nothing).
      const killing = (async () => {
        while (killed < options.kills) {
          await sleep(100);
          const now = performance.now();
          const running = [...run.fleet.scheduled].filter(
            ([, since]) => now - since > 300 + Math.random() * 2_000,
          );
          if (running.length === 0) continue;
          const [victim] = running[Math.floor(Math.random() * running.length)]!;
          await run.fleet.kill(victim);
          killed += 1;
          setTimeout(() => run.fleet.start(victim), Math.random() * 500);
        }
      })();
      // Each worker paces Slack at 5 and Discord at 20 messages a second, and every kill costs a
      // restart and a lease: the cap grows with the run so that a large run is not cut short.
      const seconds = await run.settle(
        Math.max(600_000, options.nudges * 150),
        () => killed >= options.kills,
      );
      await killing;
      options.log(`${name}: ${killed} SIGKILLs, settled in ${seconds.toFixed(1)} s`);
      return [
        info(name, 'SIGKILLs (each followed by a restart)', killed),
        ...(await accounting(name, run, seconds)),
      ];
    });
  },
};

const skew: Scenario = {
  name: 'clock-skew',
  async run(cluster, options) {
    const name = 'clock-skew';
    const workers = {
      fast: { RAPPORT_WORKER_CLOCK_OFFSET_MS: TEN_MINUTES },
      slow: { RAPPORT_WORKER_CLOCK_OFFSET_MS: `-${TEN_MINUTES}` },
    };
    const nudges = Math.max(500, Math.round(options.nudges / 5));
    return withScenario(cluster, { students: nudges / 5, perStudent: 5, workers }, async (run) => {
      const seconds = await run.settle(300_000);
      const lost =
        run.fleet.logs.get('Lost the claim on a nudge after sending (it may be delivered twice)') ?? 0;
      return [...(await accounting(name, run, seconds)), zero(name, 'claims taken over mid-send', lost)];
    });
  },
};

const restarts: Scenario = {
  name: 'postgres-restart',
  async run(cluster, options) {
    const name = 'postgres-restart';
    const nudges = Math.max(1000, Math.round(options.nudges * 0.4));
    const workers = { w1: {}, w2: {}, w3: {} };
    return withScenario(cluster, { students: nudges / 5, perStudent: 5, workers }, async (run) => {
      const recoveries: number[] = [];
      for (const share of [0.25, 0.6]) {
        while (((await run.sentCount()) ?? 0) < nudges * share) await sleep(100);
        await cluster.stop();
        await sleep(2_000);
        await cluster.start();
        const back = Date.now();
        for (;;) {
          const first = await run.platforms.report(back);
          const at = Math.min(
            first.slack.firstLandedAfter ?? Infinity,
            first.discord.firstLandedAfter ?? Infinity,
          );
          if (Number.isFinite(at)) {
            recoveries.push((at - back) / 1000);
            break;
          }
          if (Date.now() - back > 120_000) throw new Error('no delivery within 120 s of the restart');
          await sleep(100);
        }
        options.log(
          `${name}: restarted at ${Math.round(share * 100)}%, first delivery ${recoveries.at(-1)!.toFixed(1)} s later`,
        );
      }
      const seconds = await run.settle(300_000);
      return [
        ...recoveries.map((r, i) => ({
          scenario: name,
          figure: `restart ${i + 1}: seconds to the first delivery`,
          value: r.toFixed(1),
          target: '< 10',
          ok: r < 10,
        })),
        ...(await accounting(name, run, seconds)),
      ];
    });
  },
};

const storms: Scenario = {
  name: '429-and-5xx',
  async run(cluster, options) {
    const name = '429-and-5xx';
    const nudges = Math.max(1000, Math.round(options.nudges * 0.3));
    const workers = { w1: {}, w2: {}, w3: {} };
    return withScenario(cluster, { students: nudges / 5, perStudent: 5, workers }, async (run) => {
      const { platforms } = run;
      const storm = async () => {
        await platforms.slackFail({ status: 429, retryAfterSeconds: 2 }, 30);
        await platforms.discordFail({ status: 429, retryAfterSeconds: 2 }, 30);
      };
      const burst = async () => {
        // Half of each burst lands before its 5xx: the retry must not post it again.
        await platforms.slackFail({ status: 503, landed: true }, 20);
        await platforms.slackFail({ status: 502 }, 20);
        await platforms.discordFail({ status: 503, landed: true }, 20);
        await platforms.discordFail({ status: 503 }, 20);
      };
      await sleep(1_000);
      await storm();
      await sleep(3_000);
      await burst();
      await sleep(3_000);
      await storm();
      const seconds = await run.settle(300_000);
      const report = await platforms.report();
      if (process.env.CHAOS_DEBUG) options.log(JSON.stringify([...run.fleet.logs], null, 1));
      return [
        zero(name, 'Slack posts inside a Retry-After given to that worker', report.slack.insideRetryAfter),
        zero(
          name,
          'Discord posts inside a Retry-After given to that worker',
          report.discord.insideRetryAfter,
        ),
        info(
          name,
          '429s answered (Slack / Discord)',
          `${report.slack.rateLimited} / ${report.discord.rateLimited}`,
        ),
        ...(await accounting(name, run, seconds)),
      ];
    });
  },
};

export const SCENARIOS: readonly Scenario[] = [kills, skew, restarts, storms];
