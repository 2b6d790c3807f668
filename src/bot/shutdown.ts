/**
 * Graceful shutdown: parts register how they stop as they start; on SIGINT, SIGTERM or the end
 * of the console session the steps run in reverse order (adapters, then the HTTP server, then
 * the database), each given a bounded time, and the process exits.
 */

export interface ShutdownLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Lifecycle {
  /** Registers a stop step; steps run in the reverse order of registration. */
  onShutdown(name: string, stop: () => Promise<void>): void;
  /** Runs every step once (later calls wait for the first), then exits with `exitCode`, or 1 if a step failed. */
  shutdown(reason: string, exitCode?: number): Promise<void>;
  readonly shuttingDown: boolean;
}

export interface LifecycleOptions {
  logger: ShutdownLogger;
  /** How long one step may take before it is abandoned. */
  stepTimeoutMs?: number;
  exit?: (code: number) => void;
}

class StepTimeout extends Error {}

async function within(ms: number, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`did not finish within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createLifecycle(options: LifecycleOptions): Lifecycle {
  const { logger } = options;
  const stepTimeoutMs = options.stepTimeoutMs ?? 10_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const steps: { name: string; stop: () => Promise<void> }[] = [];
  let running: Promise<void> | undefined;

  const runSteps = async (reason: string, exitCode: number): Promise<void> => {
    logger.info({ reason }, 'Shutting down');
    let code = exitCode;
    for (const step of [...steps].reverse()) {
      try {
        await within(stepTimeoutMs, Promise.resolve().then(step.stop));
      } catch (err) {
        code = code === 0 ? 1 : code;
        if (err instanceof StepTimeout) logger.warn({ step: step.name }, `${step.name} ${err.message}`);
        else logger.error({ err, step: step.name }, `${step.name} failed to stop`);
      }
    }
    logger.info({ exitCode: code }, 'Stopped');
    exit(code);
  };

  return {
    onShutdown(name, stop) {
      steps.push({ name, stop });
    },
    shutdown(reason, exitCode = 0) {
      running ??= runSteps(reason, exitCode);
      return running;
    },
    get shuttingDown() {
      return running !== undefined;
    },
  };
}

/**
 * SIGINT and SIGTERM start the shutdown; a second signal while it runs exits at once with 1
 * (a person pressing Ctrl+C twice means it). Returns a function that removes the handlers.
 */
export function exitOnSignals(
  lifecycle: Lifecycle,
  target: Pick<NodeJS.Process, 'on' | 'off'> = process,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (lifecycle.shuttingDown) exit(1);
    else void lifecycle.shutdown(signal, 0);
  };
  target.on('SIGINT', onSignal);
  target.on('SIGTERM', onSignal);
  return () => {
    target.off('SIGINT', onSignal);
    target.off('SIGTERM', onSignal);
  };
}
