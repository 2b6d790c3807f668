/** One worker pass of the digest step alone, at a given time, through the given notifier. */
import { createDigestStep } from '../../src/bot/digest/digestStep.js';
import { runPass } from '../../src/bot/worker/pass.js';
import type { ChartRenderer } from '../../src/core/digest/digestPorts.js';
import type { Notifier } from '../../src/core/notifier.js';
import type { Db } from '../../src/db/engine.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function digestPass(
  db: Db,
  at: string,
  notifier: Notifier,
  chart: ChartRenderer | null,
): Promise<void> {
  await runPass({
    db,
    clock: { now: () => new Date(at) },
    notifiers: new Map([[notifier.platform, notifier]]),
    logger: quiet,
    steps: [createDigestStep({ chart })],
  });
}
