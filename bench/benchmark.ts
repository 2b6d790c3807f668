/**
 * What a benchmark module provides to `npm run bench`. Benchmarks print figures; they are not
 * pass/fail tests. Each cleans up after itself (throwaway databases, servers) and finishes within
 * a few minutes.
 */
import type { Config } from '../src/config.js';

export interface BenchContext {
  config: Config;
  /** Prints one line of figures under the benchmark's heading. */
  log(line: string): void;
}

export interface Benchmark {
  /** Short, unique; `npm run bench -- <part of a name>` runs only the matching ones. */
  readonly name: string;
  /** One sentence: what is measured. */
  readonly description: string;
  run(ctx: BenchContext): Promise<void>;
}
