/**
 * Bounded concurrency for work that runs after a platform has been answered (Slack's ack).
 * Without a bound, a burst of commands starts thousands of database transactions at once: they
 * queue on the pool anyway, but each holds its request, reply and promises in memory meanwhile.
 * Here the extra work waits as a small closure, first in, first out.
 */
export interface WorkQueue {
  /** Runs `task` when a slot is free; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Runs `task` only if a slot is free now (nothing waits); undefined when all are taken. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | undefined;
  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void>;
  readonly running: number;
  readonly waiting: number;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('concurrency must be a positive integer');
  const waiting: (() => void)[] = [];
  const idlers: (() => void)[] = [];
  let running = 0;

  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    } else if (running === 0) {
      for (const resolve of idlers.splice(0)) resolve();
    }
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < concurrency) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    tryRun<T>(task: () => Promise<T>): Promise<T> | undefined {
      if (running >= concurrency) return undefined;
      running++;
      return Promise.resolve().then(task).finally(release);
    },
    idle: () =>
      running === 0 && waiting.length === 0
        ? Promise.resolve()
        : new Promise((resolve) => idlers.push(resolve)),
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
