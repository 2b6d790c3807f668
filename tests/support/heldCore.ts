/**
 * The real core with one of its entry points logged and, for the calls `holds` picks, held at a
 * gate until the test calls `open()`: to see what runs when, without waiting on time.
 */
import type { RapportApi } from '../../src/core/api.js';
import type { Rapport } from '../../src/core/rapport.js';

type Held = 'runText' | 'runOptions' | 'identify';

export class HeldCore {
  /** `start <label>` when a call reaches core, `end <label>` when it returns. */
  readonly log: string[] = [];
  private release: () => void = () => {};
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly method: Held,
    /** How a call is named in the log, from its arguments. */
    private readonly label: (args: unknown[]) => string,
    private readonly holds: (label: string) => boolean = () => true,
  ) {}

  open(): void {
    this.release();
  }

  get starts(): string[] {
    return this.log.filter((line) => line.startsWith('start'));
  }

  /** Resolves once `count` calls have reached core. */
  reached(count: number): Promise<void> {
    if (this.starts.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  wrap = (real: Rapport): RapportApi =>
    new Proxy(real, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const bound = value.bind(target) as (...args: unknown[]) => Promise<unknown>;
        return property === this.method ? this.held(bound) : bound;
      },
    });

  private held(real: (...args: unknown[]) => Promise<unknown>) {
    return async (...args: unknown[]) => {
      const name = this.label(args);
      this.log.push(`start ${name}`);
      for (const waiter of this.waiters.filter((w) => this.starts.length >= w.count)) waiter.resolve();
      if (this.holds(name)) await this.gate;
      try {
        return await real(...args);
      } finally {
        this.log.push(`end ${name}`);
      }
    };
  }
}
