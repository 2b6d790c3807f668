/**
 * One scenario's world for `npm run chaos`: a fresh database on the throwaway cluster with its
 * nudges, the fake platforms in their own process, and a fleet of real workers; then the
 * accounting the Jepsen way (attempted, acknowledged, delivered, lost, duplicated).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createScratchDatabase } from '../scratchDatabase.js';
import type { Cluster } from './cluster.js';
import type { PlatformsReport } from './platforms.js';
import { type Platforms, startPlatforms } from './platformsClient.js';
import { type Seeded, seedDueNudges, statusCounts } from './seed.js';
import { createFleet, type WorkerFleet } from './workers.js';

/** How one scenario is set up. */
export interface ScenarioSetup {
  students: number;
  perStudent: number;
  /** Worker names, each with its own extra environment (a clock offset). */
  workers: Record<string, Record<string, string>>;
  /** conversations.history calls the fake Slack answers per minute. */
  historyPerMinute: number;
  /** Passed to every worker (RAPPORT_WORKER_*, SLACK_HISTORY_CALLS_PER_MINUTE). */
  workerEnv: Record<string, string>;
}

/** The Jepsen queue checker's figures, at the platforms. */
export interface Accounting {
  nudges: number;
  attempted: number;
  acknowledged: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Of the duplicated, how many on each platform. */
  duplicatedOn: { slack: number; discord: number };
}

export interface ScenarioRun {
  readonly url: string;
  readonly platforms: Platforms;
  readonly fleet: WorkerFleet;
  readonly seeded: Seeded;
  /**
   * Polls until no nudge is pending or sending (and `alsoWaitFor` says done). Resolves with the
   * seconds it took, or throws after `timeoutMs`.
   */
  settle(timeoutMs: number, alsoWaitFor?: () => boolean): Promise<number>;
  /** Rows sent so far (null while the database does not answer). */
  sentCount(): Promise<number | null>;
  account(report: PlatformsReport): Accounting;
  close(): Promise<void>;
}

export async function openScenario(cluster: Cluster, setup: ScenarioSetup): Promise<ScenarioRun> {
  const scratch = await createScratchDatabase(cluster.adminUrl, 1);
  await scratch.database.close();
  const { url } = scratch;
  const seeded = await seedDueNudges(url, setup.students, setup.perStudent);
  const platforms = await startPlatforms({ historyPerMinute: setup.historyPerMinute });
  const fleet = createFleet(
    Object.entries(setup.workers).map(([name, extra]) => ({
      name,
      env: {
        DATABASE_URL: url,
        // Each worker its own tokens: the fakes tell clients apart by them (whose 429 was it?).
        SLACK_BOT_TOKEN: `xoxb-chaos-${name}`,
        SLACK_SIGNING_SECRET: 'chaos-signing-secret',
        SLACK_API_URL: platforms.slackApiUrl,
        DISCORD_TOKEN: `chaos-${name}`,
        DISCORD_APP_ID: '1100000000000000001',
        DISCORD_API_URL: platforms.discordApiUrl,
        ...setup.workerEnv,
        ...extra,
      },
    })),
  );
  for (const name of Object.keys(setup.workers)) fleet.start(name);
  let closed = false;

  return {
    url,
    platforms,
    fleet,
    seeded,
    async settle(timeoutMs, alsoWaitFor = () => true) {
      const started = performance.now();
      for (;;) {
        const counts = await statusCounts(url).catch(() => null);
        if (counts && !counts.pending && !counts.sending && alsoWaitFor()) {
          return (performance.now() - started) / 1000;
        }
        if (performance.now() - started > timeoutMs) {
          // What the workers said most, and the last lines that were not logs (a crash), to start from.
          const said = [...fleet.logs].sort((a, b) => b[1] - a[1]).slice(0, 5);
          throw new Error(
            `not settled after ${timeoutMs / 1000} s: ${JSON.stringify(counts)}; workers logged ${JSON.stringify(said)}; ` +
              `last other output: ${JSON.stringify(fleet.crashes.slice(-3))}`,
          );
        }
        await sleep(500);
      }
    },
    async sentCount() {
      const counts = await statusCounts(url).catch(() => null);
      return counts ? (counts.sent ?? 0) : null;
    },
    account(report) {
      const landed = { ...report.slack.landed, ...report.discord.landed };
      const times = seeded.expected.map((e) => landed[e.key] ?? 0);
      const twiceOn = (on: Record<string, number>) => Object.values(on).filter((n) => n > 1).length;
      return {
        nudges: seeded.expected.length,
        attempted: report.slack.attempted + report.discord.attempted,
        acknowledged: report.slack.acknowledged + report.discord.acknowledged,
        delivered: times.filter((n) => n > 0).length,
        lost: times.filter((n) => n === 0).length,
        duplicated: times.filter((n) => n > 1).length,
        duplicatedOn: { slack: twiceOn(report.slack.landed), discord: twiceOn(report.discord.landed) },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await fleet.stopAll();
      await platforms.close();
      await scratch.drop().catch(() => {});
    },
  };
}
