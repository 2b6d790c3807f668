/**
 * The parent's side of platforms.ts: starts the fakes' process and talks to it over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeSlackFailure } from '../../tests/support/fakeSlack.js';
import type { PlatformsReport } from './platforms.js';

export interface Platforms {
  readonly slackApiUrl: string;
  readonly discordApiUrl: string;
  /** The next `times` Slack posts answer `failure`. */
  slackFail(failure: FakeSlackFailure, times: number): Promise<void>;
  /** The next `times` Discord message posts answer a 429 or a 503 (a 503 may come after the message landed). */
  discordFail(
    options: { status: 429 | 503; retryAfterSeconds?: number; landed?: boolean },
    times: number,
  ): Promise<void>;
  /** What both fakes saw; `firstLandedAfter` counts from `since` (Date.now() ms). */
  report(since?: number): Promise<PlatformsReport>;
  close(): Promise<void>;
}

export async function startPlatforms(options: { historyPerMinute: number }): Promise<Platforms> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./platforms.ts', import.meta.url)),
    [String(options.historyPerMinute)],
    {
      execArgv: ['--import', 'tsx', '--max-old-space-size=1024'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const waiting = new Map<number, (body: unknown) => void>();
  let next = 1;
  child.on('message', (message: { id: number; body: unknown }) => {
    waiting.get(message.id)?.(message.body);
    waiting.delete(message.id);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ask = <T>(request: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (body) => resolve(body as T));
      child.send({ ...request, id }, (error) => {
        if (error) reject(error);
      });
    });
  const ready = await new Promise<{ slackApiUrl: string; discordApiUrl: string }>((resolve, reject) => {
    waiting.set(0, (body) => resolve(body as { slackApiUrl: string; discordApiUrl: string }));
    child.once('exit', (code) =>
      reject(new Error(`the fake platforms exited (${code}) before they were ready`)),
    );
  });
  return {
    ...ready,
    slackFail: (failure, times) => ask({ type: 'slack-fail', failure, times }),
    discordFail: (fail, times) => ask({ type: 'discord-fail', ...fail, times }),
    report: (since = 0) => ask({ type: 'report', since }),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
