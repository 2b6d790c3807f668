/**
 * Running the worker as a real child process (`tsx src/bot/worker/cli.ts`, or `npm run worker`),
 * against a database the test prepared and a loopback fake platform.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from '../../../src/config.js';
import { type Database, openDatabase } from '../../../src/db/engine.js';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');

/** The parent's environment (PATH, HOME) without Rapport's variables, plus `vars`. */
export function workerEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return { ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...vars };
}

/** Where the child finds the database: PostgreSQL's URL, or a PGlite directory. */
export function databaseEnv(target: { url: string | undefined; dataDir?: string }): Record<string, string> {
  return target.url ? { DATABASE_URL: target.url } : { RAPPORT_DATA_DIR: target.dataDir! };
}

/** The Slack variables that make the child's worker deliver to `apiUrl`. */
export const slackEnv = (apiUrl: string): Record<string, string> => ({
  SLACK_BOT_TOKEN: 'xoxb-test-worker',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_API_URL: apiUrl,
});

export interface WorkerChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `tsx src/bot/worker/cli.ts <args>` (or `npm run worker -- <args>` with `viaNpm`). */
export function spawnWorker(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { viaNpm?: boolean } = {},
): WorkerChild {
  const child = options.viaNpm
    ? spawn('npm', ['run', 'worker', '--', ...args], {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, ['--import', 'tsx', 'src/bot/worker/cli.ts', ...args], {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A PGlite database in a fresh temporary directory (migrated), and how to remove it. */
export async function openTempPglite(): Promise<{ dataDir: string; database: Database; remove(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-worker-'));
  const database = await openDatabase({ dataDir });
  return { dataDir, database, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}
