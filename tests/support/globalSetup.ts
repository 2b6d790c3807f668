/**
 * Runs once per `vitest run`: PGlite's initdb costs seconds, so one migrated in-memory database is
 * dumped here and every test file on PGlite starts from a copy of it (see testDatabase.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate } from '../../src/db/engine.js';

let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // On PostgreSQL (CI's main run) each test file creates its own database instead.
  if (process.env.DATABASE_URL) return;
  dir = mkdtempSync(join(tmpdir(), 'rapport-pglite-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await (await buildPgliteTemplate()).arrayBuffer()));
  project.provide('pgliteTemplate', file);
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
