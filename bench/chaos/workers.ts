/**
 * The real worker processes of `npm run chaos`: `node --import tsx src/bot/worker/cli.ts` in its
 * schedule mode, each with its own tokens (so the fakes can tell which client a 429 was given
 * to), killed with SIGKILL and started again. Their JSON log lines are counted by message.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from '../../src/config.js';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

export interface WorkerSpec {
  name: string;
  /** RAPPORT_WORKER_* and the rest of the worker's configuration. */
  env: Record<string, string>;
}

export interface WorkerFleet {
  /** Live workers. */
  readonly alive: readonly string[];
  /** Live workers that have started their schedule, with when (performance.now()). */
  readonly scheduled: ReadonlyMap<string, number>;
  /** SIGKILLs sent. */
  readonly kills: number;
  /** Log lines seen, by their message. */
  readonly logs: Map<string, number>;
  /** The stderr lines that were not JSON (a crash's stack), the last few. */
  readonly crashes: string[];
  start(name: string): void;
  /** SIGKILL; resolves once the process is gone. */
  kill(name: string): Promise<void>;
  /** Every worker down (SIGKILL): the end of a scenario. */
  stopAll(): Promise<void>;
}

/** The parent's environment (PATH, HOME) without Rapport's variables. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  return env;
}

export function createFleet(specs: readonly WorkerSpec[]): WorkerFleet {
  const processes = new Map<string, ChildProcess>();
  const scheduled = new Map<string, number>();
  const logs = new Map<string, number>();
  const crashes: string[] = [];
  let kills = 0;

  const read = (name: string, chunk: Buffer, rest: { text: string }) => {
    rest.text += chunk.toString('utf8');
    const lines = rest.text.split('\n');
    rest.text = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        const msg = String((JSON.parse(line) as { msg?: unknown }).msg ?? '');
        logs.set(msg, (logs.get(msg) ?? 0) + 1);
        if (msg === 'Worker scheduled') scheduled.set(name, performance.now());
      } catch {
        crashes.push(line);
        if (crashes.length > 20) crashes.shift();
      }
    }
  };

  const fleet: WorkerFleet = {
    get alive() {
      return [...processes.keys()];
    },
    scheduled,
    get kills() {
      return kills;
    },
    logs,
    crashes,
    start(name) {
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new Error(`no worker named ${name}`);
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/worker/cli.ts'], {
        cwd: REPO_ROOT,
        env: { ...baseEnv(), NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: '0', ...spec.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const rest = { text: '' };
      child.stderr!.on('data', (chunk: Buffer) => read(name, chunk, rest));
      child.once('exit', () => {
        if (processes.get(name) !== child) return;
        processes.delete(name);
        scheduled.delete(name);
      });
      processes.set(name, child);
    },
    async kill(name) {
      const child = processes.get(name);
      if (!child) return;
      processes.delete(name);
      scheduled.delete(name);
      const gone = new Promise<void>((done) => child.once('exit', () => done()));
      kills += 1;
      child.kill('SIGKILL');
      await gone;
    },
    async stopAll() {
      const names = [...processes.keys()];
      await Promise.all(names.map((name) => fleet.kill(name)));
      kills -= names.length;
    },
  };
  return fleet;
}
