/**
 * A console chat session on a real Rapport, fed through a stream: what a test types goes in, and
 * everything printed is kept to read.
 */
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/bot/console/consoleAdapter.js';
import type { ConsoleInbox } from '../../src/bot/console/consoleNotifier.js';
import type { RapportApi } from '../../src/core/api.js';

export interface ConsoleSession {
  input: PassThrough;
  /** Everything printed so far. */
  written(): string;
  /** Resolves when the session ends (after `input.end()`). */
  done: Promise<void>;
}

export function openConsoleSession(api: RapportApi, inbox?: ConsoleInbox): ConsoleSession {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  const done = runConsole({
    api,
    input,
    output,
    dataDir: '/tmp/rapport-console-test',
    interactive: false,
    displayName: 'Robin',
    ...(inbox ? { inbox } : {}),
  });
  return { input, written: () => written, done };
}
