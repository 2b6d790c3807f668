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
 * _CONCURRENCY override them. Two commands do their work at a time: a command gives up its slot
 * once its answer is ready (`release`), before the round trip that delivers it to Slack or
 * Discord, so the slots hold only database and CPU work, and more of them only queue callbacks of
 * commands ahead of the next request's ack or deferral (docs/operations.md, the discord-http
 * runs). A deployment whose database is far away, or whose coordinators run long reports often,
 * may want more.
 */
export const QUEUE_DEFAULTS = Object.freeze({ maxCommands: 500, maxBytes: 4 * 1024 * 1024, concurrency: 2 });

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
   *
   * A task that has done its work and only waits to deliver the answer (a round trip to Slack or
   * Discord) calls `release`: its slot goes to the next task at once. It still counts against the
   * bounds, and the person's next task still waits for it to finish, so answers keep their order.
   */
  offer(person: string, bytes: number, task: (release: () => void) => Promise<void>): boolean;
  /** Resolves when nothing runs (or delivers) and nothing waits. */
  idle(): Promise<void>;
  /** Tasks holding a slot. */
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
  /** Tasks holding a slot. */
  let running = 0;
  /** Tasks started and not finished, whether they hold a slot or have released it. */
  let active = 0;
  let blocked = 0;
  let held = 0;
  let heldBytes = 0;
  let full = false;

  const isIdle = () => active === 0 && ready.length === 0 && blocked === 0;

  const pump = () => {
    while (running < concurrency && ready.length > 0) {
      running++;
      active++;
      ready.shift()!.start();
    }
    if (isIdle()) for (const resolve of idlers.splice(0)) resolve();
  };

  /** Ends an entry; `slotHeld` is false when it released its slot before. */
  const finish = (entry: Entry, slotHeld = true) => {
    if (slotHeld) running--;
    active--;
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
      active++;
      const entry: Entry = { person: undefined, bytes: 0, counted: false, start: () => {} };
      return Promise.resolve()
        .then(task)
        .finally(() => finish(entry));
    },
    offer(person: string, bytes: number, task: (release: () => void) => Promise<void>): boolean {
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
          let slotHeld = true;
          const release = () => {
            if (!slotHeld) return;
            slotHeld = false;
            running--;
            pump();
          };
          Promise.resolve()
            .then(() => task(release))
            .catch(onError)
            .finally(() => finish(entry, slotHeld));
        },
      };
      enqueue(entry);
      return true;
    },
    idle: () => (isIdle() ? Promise.resolve() : new Promise((resolve) => idlers.push(resolve))),
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
