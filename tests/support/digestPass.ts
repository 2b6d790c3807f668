/** One worker pass of the digest step alone, at a given time, through the given notifier. */
import { createDigestStep } from '../../src/bot/digest/digestStep.js';
import { runPass, type WorkerLogger } from '../../src/bot/worker/pass.js';
import type { ChartRenderer, Notifier } from '../../src/core/ports.js';
import type { Db } from '../../src/db/engine.js';

const quiet: WorkerLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function digestPass(
  db: Db,
  at: string,
  notifier: Notifier,
  chart: ChartRenderer | null,
  logger: WorkerLogger = quiet,
): Promise<void> {
  await runPass({
    db,
    clock: { now: () => new Date(at) },
    notifiers: new Map([[notifier.platform, notifier]]),
    logger,
    steps: [createDigestStep({ chart })],
  });
}
