/** One worker pass of the digest step alone, at a given time, through the given notifier. */
import { createDigestStep } from '../../src/bot/digest/digestStep.js';
import { runPass, type WorkerLogger } from '../../src/bot/worker/pass.js';
import type { ChartRenderer } from '../../src/core/digest/digestPorts.js';
import type { ChannelDirectory, Notifier } from '../../src/core/notifier.js';
import type { Db } from '../../src/db/engine.js';
import { nudgeOutbox } from '../../src/db/nudgeOutbox.js';

const quiet: WorkerLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function digestPass(
  db: Db,
  at: string,
  notifier: Notifier,
  chart: ChartRenderer | null,
  logger: WorkerLogger = quiet,
  channels?: ChannelDirectory,
): Promise<void> {
  await runPass({
    db,
    outbox: nudgeOutbox(db),
    clock: { now: () => new Date(at) },
    notifiers: new Map([[notifier.platform, notifier]]),
    ...(channels ? { channels } : {}),
    logger,
    steps: [createDigestStep({ chart })],
  });
}

/** A worker logger that keeps each line with its level and fields, for tests to read. */
export function recordingLogger(): WorkerLogger & {
  lines: { level: string; fields: object; msg: string }[];
} {
  const lines: { level: string; fields: object; msg: string }[] = [];
  const at = (level: string) => (fields: object, msg: string) => {
    lines.push({ level, fields, msg });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
