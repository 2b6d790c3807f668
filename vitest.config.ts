import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds one migrated PGlite template per run (initdb is the slow part of every PGlite test).
    globalSetup: ['tests/support/globalSetup.ts'],
    // Child processes, PGlite's WASM and real sockets are happier in forks than in worker threads.
    pool: 'forks',
    fileParallelism: true,
    // The machines have 2 cores; more workers only make PGlite's start-up slower.
    maxWorkers: 2,
    // PGlite's first open of a new directory (initdb) takes a few seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
  },
});
