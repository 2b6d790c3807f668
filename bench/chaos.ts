/**
 * `npm run chaos [-- --scenario <name>] [--nudges 10000] [--kills 50]`: the real worker
 * processes (`src/bot/worker/cli.ts`) against a throwaway PostgreSQL cluster this script creates
 * (initdb into a temporary directory, a free loopback port) and the loopback fake Slack and
 * Discord in a process of their own; SIGKILLs, clock skew, PostgreSQL restarts, 429 storms and
 * 5xx bursts (see chaos/scenarios.ts). Prints a table of figures beside their targets and exits 1
 * when one is off. Not part of `npm test`. Every process and the cluster are removed at the end,
 * failure or Ctrl-C included.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type Cluster, createCluster } from './chaos/cluster.js';
import { type Figure, SCENARIOS } from './chaos/scenarios.js';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    nudges: { type: 'string', default: '10000' },
    kills: { type: 'string', default: '50' },
  },
});
const nudges = Math.max(100, Math.round(Number(values.nudges) / 5) * 5);
const kills = Math.max(0, Number(values.kills));

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const log = (line: string) => process.stdout.write(`${line}\n`);

function table(figures: readonly Figure[]): string {
  const rows = [
    ['scenario', 'figure', 'measured', 'target', ''],
    ...figures.map((f) => [
      f.scenario,
      f.figure,
      f.value,
      f.target,
      f.ok === null ? '' : f.ok ? 'ok' : 'OFF',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

let cluster: Cluster | null = null;
const cleanups: (() => Promise<void>)[] = [];
const cleanUp = async () => {
  for (const step of cleanups.splice(0).reverse()) await step().catch(() => {});
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const selected = SCENARIOS.filter((s) => !values.scenario || s.name === values.scenario);
  if (selected.length === 0) {
    process.stderr.write(
      `No scenario "${values.scenario}"; there are: ${SCENARIOS.map((s) => s.name).join(', ')}.\n`,
    );
    return 2;
  }
  log(`load average before: ${load()}`);
  const started = performance.now();
  cluster = await createCluster();
  const owned = cluster;
  cleanups.push(() => owned.remove());
  log(`throwaway PostgreSQL on 127.0.0.1:${owned.port}`);
  const figures: Figure[] = [];
  for (const scenario of selected) {
    log(`-- ${scenario.name}`);
    const begun = performance.now();
    try {
      figures.push(...(await scenario.run(owned, { nudges, kills, log })));
    } catch (error) {
      figures.push({
        scenario: scenario.name,
        figure: 'ran to the end',
        value: error instanceof Error ? error.message : String(error),
        target: 'yes',
        ok: false,
      });
    }
    log(`   ${((performance.now() - begun) / 1000).toFixed(0)} s, load average ${load()}`);
  }
  log('');
  log(table(figures));
  log('');
  log(`${((performance.now() - started) / 1000).toFixed(0)} s in all; load average after: ${load()}`);
  return figures.some((f) => f.ok === false) ? 1 : 0;
}

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error: unknown) => {
    await cleanUp();
    process.stderr.write(
      `The chaos run could not run: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
