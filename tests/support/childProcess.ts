/**
 * Running the real entry points (`npm start`, `npm run migrate`, the worker) as child processes,
 * the way a person or an operator runs them. Timeouts are generous: a loaded 2-core machine takes
 * tens of seconds to start tsx and PGlite. Nothing here waits on the clock except for them.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WAIT_MS = 100_000;
export const TEST_MS = 150_000;

export interface Child {
  process: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: Child[] = [];
const dirs: string[] = [];

/** The environment of a newcomer: no database server, no platform credentials, any free port. */
export function newcomerEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|SLACK_|DISCORD_|RAPPORT_|PORT$|LOG_LEVEL$|NODE_ENV$|VITEST)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, RAPPORT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...extra };
}

/** Starts a TypeScript entry point (`src/bot/main.ts`) with tsx, capturing its output. */
export function start(script: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const handle = { process: child, stdout: () => stdout, stderr: () => stderr, exited };
  children.push(handle);
  return handle;
}

export async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-main-'));
  dirs.push(dir);
  return dir;
}

/** Resolves once `read()` contains `text`; fails with what was read so far. */
export async function waitFor(read: () => string, text: string | RegExp, what: string): Promise<void> {
  const seen = () => (typeof text === 'string' ? read().includes(text) : text.test(read()));
  await expect.poll(seen, { timeout: WAIT_MS, interval: 50, message: `${what}: ${read()}` }).toBe(true);
}

/** The port a process logged (`"port":N` in its JSON log lines on stderr); fails with its log when none. */
export function loggedPort(stderr: () => string): number {
  const match = /"port":(\d+)/.exec(stderr());
  if (!match) throw new Error(`no port in the logs: ${stderr()}`);
  return Number(match[1]);
}

export async function exitOf(child: Child) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no exit within ${WAIT_MS} ms\nstdout: ${child.stdout()}\nstderr: ${child.stderr()}`),
        ),
      WAIT_MS,
    );
  });
  try {
    return await Promise.race([child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills children still running (call in afterEach). */
export function killChildren(): void {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  }
}

/** Removes the directories made by freshDir (call in afterAll). */
export async function removeDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
