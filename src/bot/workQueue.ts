/**
 * Bounded concurrency for work that runs after a platform has been answered (Slack's ack,
 * Discord's deferral). Without a bound, a burst of commands starts thousands of database
 * transactions at once: they queue on the pool anyway, but each holds its request, reply and
 * promises in memory meanwhile. Here the extra work waits as a small closure.
 *
 * Commands are `offer`ed with the person they come from and their size. What the queue holds
 * (running and waiting) is bounded by count and by bytes: an offer past either bound is refused
 * at once, so the adapter can say "busy" in its ack instead of running the command. One person's
 * work runs in the order it arrived, one at a time (`add jane` then `reached jane` never swap);
 * different people's work runs side by side, first come, first served.
 */

/** What a person reads when their command is refused because the queue is full. One line. */
export const BUSY_SENTENCE =
  "Rapport is very busy right now and didn't run that. Please try again in a minute.";

/**
 * Defaults for what the queue holds and runs at once; RAPPORT_QUEUE_MAX_COMMANDS, _BYTES and
 * _CONCURRENCY override them. Ten commands at a time, the database pool's size: a command holds
 * its slot until its answer reached the platform (Slack's response_url, Discord's webhook), a
 * round trip of a tenth of a second or more to the real services, so fewer slots would cap the
 * answers per second. Fewer help only where both are near and CPU is the limit: then callbacks
 * of commands queue ahead of the next request's ack (docs/operations.md, the discord-http runs).
 */
export const QUEUE_DEFAULTS = Object.freeze({ maxCommands: 500, maxBytes: 4 * 1024 * 1024, concurrency: 10 });

/**
 * What a held command is counted as, over what the person sent: the closure, the platform's
 * request object and the reply function it keeps alive.
 */
export const HELD_OVERHEAD_BYTES = 1024;

/** The bounds, and how many commands run at once (the adapters' `queue` option). */
export interface QueueSettings extends QueueBounds {
  concurrency: number;
}

export interface QueueBounds {
  /** Commands held at once, running or waiting. */
  maxCommands: number;
  /** Their estimated bytes (`offer`'s `bytes`, plus HELD_OVERHEAD_BYTES each). */
  maxBytes: number;
}

export interface WorkQueue {
  /** Runs `task` when a slot is free, whatever the bounds; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Runs `task` only if a slot is free now (nothing waits); undefined when all are taken. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | undefined;
  /**
   * Takes `task` for `person` within the bounds and returns true, or refuses it and returns
   * false (nothing of it runs). It starts after the person's earlier tasks have finished, and
   * never inside `offer` itself, so the caller's ack goes out first. Its failures are the task's to handle:
   * `onError` only keeps them from becoming unhandled rejections.
   */
  offer(person: string, bytes: number, task: () => Promise<void>): boolean;
  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void>;
  readonly running: number;
  readonly waiting: number;
  /** Estimated bytes of the offered tasks held (running or waiting). */
  readonly heldBytes: number;
}

interface Entry {
  /** Absent for `run`: unkeyed work is never serialized with other work. */
  person: string | undefined;
  /** Counted against the bounds (offered work only). */
  bytes: number;
  counted: boolean;
  start: () => void;
}

/** Calls `task` now; a synchronous throw becomes a rejection. */
function settle<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}

export interface WorkQueueOptions extends Partial<QueueBounds> {
  /** Receives what an offered task throws (each task should answer its own failures first). */
  onError?: (error: unknown) => void;
  /**
   * Told when offers start being refused (true), and when one is taken again with the queue
   * drained to half its bounds (false): two lines per flood, not one per refusal.
   */
  onFull?: (full: boolean, held: { commands: number; bytes: number }) => void;
}

export function createWorkQueue(concurrency: number, options: WorkQueueOptions = {}): WorkQueue {
  const maxCommands = options.maxCommands ?? Number.POSITIVE_INFINITY;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const onError = options.onError ?? (() => {});
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('concurrency must be a positive integer');
  /** Entries free to start, first come, first served. */
  const ready: Entry[] = [];
  /** Per person, the entries behind the one of theirs that is running or ready. */
  const behind = new Map<string, Entry[]>();
  const idlers: (() => void)[] = [];
  let running = 0;
  let blocked = 0;
  let held = 0;
  let heldBytes = 0;
  let full = false;

  const pump = () => {
    while (running < concurrency && ready.length > 0) {
      running++;
      ready.shift()!.start();
    }
    if (running === 0 && ready.length === 0 && blocked === 0)
      for (const resolve of idlers.splice(0)) resolve();
  };

  const finish = (entry: Entry) => {
    running--;
    if (entry.counted) {
      held--;
      heldBytes -= entry.bytes;
    }
    if (entry.person !== undefined) {
      // A person has a line in `behind` exactly while one of their entries is running or ready.
      const line = behind.get(entry.person)!;
      const next = line.shift();
      if (next) {
        blocked--;
        ready.push(next);
      } else behind.delete(entry.person);
    }
    pump();
  };

  const enqueue = (entry: Entry) => {
    const line = entry.person === undefined ? undefined : behind.get(entry.person);
    if (line) {
      line.push(entry);
      blocked++;
      return;
    }
    if (entry.person !== undefined) behind.set(entry.person, []);
    ready.push(entry);
    pump();
  };

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const entry: Entry = {
          person: undefined,
          bytes: 0,
          counted: false,
          // The slot is freed before the caller hears back, so the next task is under way by then.
          start: () => {
            settle(task).then(
              (value) => {
                finish(entry);
                resolve(value);
              },
              (error: unknown) => {
                finish(entry);
                reject(error);
              },
            );
          },
        };
        enqueue(entry);
      });
    },
    tryRun<T>(task: () => Promise<T>): Promise<T> | undefined {
      if (running >= concurrency) return undefined;
      running++;
      const entry: Entry = { person: undefined, bytes: 0, counted: false, start: () => {} };
      return Promise.resolve()
        .then(task)
        .finally(() => finish(entry));
    },
    offer(person: string, bytes: number, task: () => Promise<void>): boolean {
      const size = Math.max(0, bytes) + HELD_OVERHEAD_BYTES;
      if (held + 1 > maxCommands || heldBytes + size > maxBytes) {
        if (!full) {
          full = true;
          options.onFull?.(true, { commands: held, bytes: heldBytes });
        }
        return false;
      }
      // Said once the queue has drained to half its bounds, not at each slot freed under a flood.
      if (full && held <= maxCommands / 2 && heldBytes <= maxBytes / 2) {
        full = false;
        options.onFull?.(false, { commands: held, bytes: heldBytes });
      }
      held++;
      heldBytes += size;
      const entry: Entry = {
        person,
        bytes: size,
        counted: true,
        start: () => {
          Promise.resolve()
            .then(task)
            .catch(onError)
            .finally(() => finish(entry));
        },
      };
      enqueue(entry);
      return true;
    },
    idle: () =>
      running === 0 && ready.length === 0 && blocked === 0
        ? Promise.resolve()
        : new Promise((resolve) => idlers.push(resolve)),
    get running() {
      return running;
    },
    get waiting() {
      return ready.length + blocked;
    },
    get heldBytes() {
      return heldBytes;
    },
  };
}

/** `onFull` for an adapter: one line when the queue starts refusing, one when it takes work again. */
export function logFullness(
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
  platform: string,
): NonNullable<WorkQueueOptions['onFull']> {
  return (full, held) =>
    full
      ? logger.warn({ platform, ...held }, 'The work queue is full: answering busy until it drains')
      : logger.info({ platform, ...held }, 'The work queue takes work again');
}
