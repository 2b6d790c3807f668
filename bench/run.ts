/**
 * `npm run bench [-- <filter>]`: runs the benchmarks in BENCHMARKS, in order, and prints their
 * figures. To add one, write a module exporting a `Benchmark` (see benchmark.ts) and add it to
 * the list below; the list is explicit, not a folder scan.
 */
import { ConfigError, loadConfig } from '../src/config.js';
import type { Benchmark } from './benchmark.js';
import { discordAckBenchmark } from './discordAck.js';
import { discordHttpBenchmark } from './discordHttp.js';
import { slackAckBenchmark } from './slackAck.js';
import { slackBodyBenchmark } from './slackBody.js';
import { statementsBenchmark } from './statements.js';
import { deliveryRateBenchmark } from './worker/deliveryRate.js';
import { dueQueryBenchmark } from './worker/dueQuery.js';

const BENCHMARKS: readonly Benchmark[] = [
  dueQueryBenchmark,
  deliveryRateBenchmark,
  slackAckBenchmark,
  discordAckBenchmark,
  discordHttpBenchmark,
  slackBodyBenchmark,
  statementsBenchmark,
];

async function main(): Promise<number> {
  const filter = process.argv[2];
  const selected = BENCHMARKS.filter((b) => !filter || b.name.includes(filter));
  if (selected.length === 0) {
    process.stderr.write(
      `No benchmark matches "${filter}"; there are: ${BENCHMARKS.map((b) => b.name).join(', ')}.\n`,
    );
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  let failed = 0;
  for (const benchmark of selected) {
    process.stdout.write(`\n== ${benchmark.name}: ${benchmark.description}\n`);
    const started = performance.now();
    try {
      await benchmark.run({ config, log: (line) => process.stdout.write(`   ${line}\n`) });
      process.stdout.write(`   (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      failed += 1;
      process.stdout.write(
        `   FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `The benchmarks could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
